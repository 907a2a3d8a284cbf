/**
 * Shared kernels of the adaptive-kernel theory (paper-notes §3.4–§3.6): the erf NNGP (arcsine)
 * kernel of a two-layer erf network with an isotropic Gaussian weight prior, and dense GP
 * regression on a finite sample (Cholesky, float64, a documented jitter rule). The GP here is the
 * NNGP baseline the paper contrasts with feature learning (notes §4.10).
 */
package dev.grokphase.theory.kernel;
