/**
 * The NNGP (Gaussian-process) baseline of model 2 (paper-notes.md §5.3 and §5.5): the kernel of
 * the quadratic network on two-hot inputs, its three distinct eigenvalues, and GP regression on the
 * full P² table (through its Fourier/eigenspace structure, O(P²) per output channel) or on any
 * subset (dense Cholesky). The symmetries of §5.3 (shifts and multiplications mod P) act on the
 * table through {@link dev.grokphase.theory.modular.gp.TwoHotTable}.
 */
package dev.grokphase.theory.modular.gp;
