/**
 * Adaptive-kernel theory of model 2: a quadratic two-layer network learning addition modulo a
 * prime P (paper-notes.md §5.1–§5.8, with the §9 items 5–7 corrections).
 *
 * <p>In Fourier space the per-neuron action decouples into one action per mode k (notes §5.6);
 * with the sextic regulariser Γ each mode has a zero saddle and, when g² ≥ γ, non-zero saddles
 * w_± ({@link dev.grokphase.theory.modular.ModeAction}). The posterior of a mode is a mixture of
 * the zero and the w_+ saddle; its weight gives the kernel eigenvalue on the target and hence the
 * discrepancy |a| self-consistently ({@link dev.grokphase.theory.modular.ModularSolver}, finite P;
 * {@link dev.grokphase.theory.modular.ThermodynamicLimit}, the P → ∞ closed forms of §5.7).
 * Both eigenvalue normalisations of §5.7 are available ({@link dev.grokphase.theory.modular.Normalization}).
 * The NNGP baseline lives in {@code dev.grokphase.theory.modular.gp} (§5.3, §5.5).
 */
package dev.grokphase.theory.modular;
