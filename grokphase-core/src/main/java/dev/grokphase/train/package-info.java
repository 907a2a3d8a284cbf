/**
 * The training engine (issue 4; notes §2.1–2.3 for the posterior and the Langevin step, §5.6 for
 * the sextic regulariser Γ, §6 for the protocols it serves).
 *
 * <p>Public surface for the run layer: {@link dev.grokphase.train.TrainingConfig} (with
 * {@link dev.grokphase.train.LangevinConfig}, {@link dev.grokphase.train.SgdConfig},
 * {@link dev.grokphase.train.AdamWConfig}, {@link dev.grokphase.train.Loss},
 * {@link dev.grokphase.train.Precision}), and {@link dev.grokphase.train.Trainer}:
 * {@code Trainer.create(config, dataset, List<SeedTree> networks)} trains M networks that share a
 * dataset; {@code step()}, {@code run(k)}, {@code steps()} (the counter), {@code lastLoss(m)},
 * {@code snapshotW(m)}, {@code snapshotA(m)}, {@code predict(m, x, n)}, {@code blasBackend()},
 * {@code saveState()} / {@code restoreState(TrainerState)} (bit-identical resume), and
 * {@link dev.grokphase.train.DivergenceException} (step, network, quantity) on NaN/Inf.
 *
 * <p>Inside: {@link dev.grokphase.train.Engine} assembles a step from an input product, an
 * activation pass, a readout pass and an update rule, one class each, over the loops of
 * {@link dev.grokphase.train.Kernels} (float64 and float32); docs/design-notes.md, "Training
 * engine", says how to add an update rule.
 *
 * <p>Langevin samples exp(−U) with U = Σ_μ ℓ_μ/σ² + |w|²/(2 varW) + |a|²/(2 varA) + Γ[w],
 * ℓ = ½|f − y|² for MSE, which is the posterior of notes §2.2 exactly (up to the O(η) bias of the
 * unadjusted discretisation). Steps are constant per group, η_g = lr · varG (§2.3).
 */
package dev.grokphase.train;
