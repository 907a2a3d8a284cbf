/**
 * Observables of trained networks, as pure functions on the array conventions of the training
 * contract (row-major {@code x} n×D, {@code y} n×K, {@code w} N×D, {@code a} K×N): losses and
 * accuracy; the linear and cubic projections of the output of model 1 and the overlaps
 * w_i·w* with their ensemble-pooled histogram and 5-subset error bars (paper-notes §6.1);
 * the per-neuron Fourier spectrum, dominant frequency and inverse participation ratio of model 2
 * (§5.6, §5.9) and the measured discrepancy |a| (§5.4); weight norms; and the equilibration
 * diagnostics that §2.3 asks for (first- against second-half agreement, integrated
 * autocorrelation time).
 */
package dev.grokphase.observe;
