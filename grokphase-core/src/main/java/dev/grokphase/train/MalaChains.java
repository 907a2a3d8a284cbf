package dev.grokphase.train;

/**
 * The M Metropolis-adjusted Langevin chains of a {@link Trainer} run with {@link MalaConfig}, one
 * per stacked network ("member"). Member m samples exp(−β_m (U − G) − β'_m G), with U the energy of
 * notes §2.2 (data term Σ_μ ℓ_μ/σ² + Gaussian prior G + Γ); both β are 1 unless a replica-exchange
 * driver sets them. The energies reported are those of the current (accepted) state, untempered.
 */
public interface MalaChains {

    /**
     * Fraction of accepted proposals of member m since its step adaptation ended; while it still
     * adapts, the fraction so far during adaptation; 0 before the first proposal.
     */
    double acceptance(int member);

    /** Proposals of member m counted by {@link #acceptance} (after adaptation). */
    long attempts(int member);

    /** The current step scale c of member m (η_g = c·prior variance of group g). */
    double stepScale(int member);

    /** True while member m still adapts its step. */
    boolean adapting(int member);

    /** U at member m's current (accepted) state: data term + Gaussian prior + Γ (untempered). */
    double energy(int member);

    /** G = |w|²/(2 varW) + |a|²/(2 varA) at member m's current state (trained layers only). */
    double gaussianPriorEnergy(int member);

    /**
     * Member m samples exp(−tempered·(U − G) − gaussianPrior·G) from now on: the data term and Γ at
     * inverse temperature {@code tempered}, the Gaussian prior at {@code gaussianPrior}.
     */
    void setInverseTemperature(int member, double tempered, double gaussianPrior);

    /** The inverse temperature of member m's data term and Γ. */
    double inverseTemperature(int member);

    /**
     * Exchanges the states of members i and j: parameters, cached gradients, energies and last
     * losses. Each member keeps its inverse temperature, step scale, counters and noise stream.
     */
    void exchange(int i, int j);
}
