/**
 * Exact samplers of a density exp(−βU), independent of what U is: the Metropolis correction of
 * the Langevin proposal (MALA) with its burn-in step adaptation, the temperature ladder and the
 * replica-exchange (parallel tempering) swap rule, and a small driver that runs them on any
 * {@link dev.grokphase.sampling.Target} given as energy and gradient. The training engine uses the
 * same classes on the network posterior of notes §2.2; the theory solvers can use the driver on a
 * single-neuron action (notes §3.2), which is multi-modal in the droplet phase.
 *
 * <p>Conventions: a chain samples exp(−βU(θ)); the Langevin proposal is preconditioned by a
 * constant diagonal step η_i (per parameter group in the engine): θ' = θ − η β∇U(θ) + √(2η) ξ.
 * docs/theory.md ("Samplers") derives the acceptance ratio and the tempering ladder.
 */
package dev.grokphase.sampling;
