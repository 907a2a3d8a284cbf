package dev.grokphase.train;

/**
 * The M Metropolis-adjusted Langevin chains of a {@link Trainer} run with {@link MalaConfig}, one
 * per stacked network ("member"). Member m samples exp(−β_data,m·L − β_prior,m·P), with
 * L = Σ_μ ℓ_μ/σ² the data term and P = |w|²/(2 varW) + |a|²/(2 varA) + Γ the prior (notes §2.2);
 * both β are 1 unless a replica-exchange driver sets them. The energies reported are those of the
 * current (accepted) state, untempered.
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

    /** L = Σ_μ ℓ_μ/σ² at member m's current state. */
    double dataEnergy(int member);

    /** P = |w|²/(2 varW) + |a|²/(2 varA) + Γ at member m's current state. */
    double priorEnergy(int member);

    /** Member m samples exp(−betaData·L − betaPrior·P) from now on. */
    void setInverseTemperature(int member, double betaData, double betaPrior);

    /**
     * Exchanges the states of members i and j: parameters, cached gradients, energies and last
     * losses. Each member keeps its inverse temperature, step scale, counters and noise stream.
     */
    void exchange(int i, int j);
}
