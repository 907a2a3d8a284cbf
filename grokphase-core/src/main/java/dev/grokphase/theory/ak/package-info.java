/**
 * The data-aware adaptive-kernel theory (paper-notes §3.2–§3.4 closed on the actual training
 * inputs, with neither the continuum step of §3.5 nor the saddle points of §3.6): the single-neuron
 * distribution is sampled by parallel tempering ({@link dev.grokphase.theory.ak.TemperedNeuronSampler}),
 * the kernel Q averaged over it, and t̄ = (Q + σ²I)⁻¹y iterated to its fixed point with importance
 * reweighting and Newton–Krylov steps ({@link dev.grokphase.theory.ak.DataAwareSolver}), with
 * jackknife bias-corrected values and Monte-Carlo errors ({@link dev.grokphase.theory.ak.AkSolution#estimate}).
 * {@link dev.grokphase.theory.ak.CubicDataTheory} and {@link dev.grokphase.theory.ak.ModularDataTheory}
 * apply it to the two models on the datasets the trainer draws. docs/theory.md, "Data-aware adaptive kernel".
 */
package dev.grokphase.theory.ak;
