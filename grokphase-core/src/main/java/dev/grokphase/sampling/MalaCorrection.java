package dev.grokphase.sampling;

/**
 * The Metropolis correction of the preconditioned Langevin proposal (MALA; Roberts and Tweedie
 * 1996). For the density exp(−βU) and a constant step η (per parameter group), the proposal from θ
 * is θ' = θ − ηβ∇U(θ) + √(2η) ξ, i.e. q(θ'|θ) ∝ exp(−|θ' − θ + ηβ∇U(θ)|²/(4η)). Writing
 * δ = θ' − θ, g = β∇U(θ), g' = β∇U(θ'), the log of the Hastings ratio is
 *
 * <pre>  log α = −β(U(θ') − U(θ)) + Σ_groups [ δ·(g + g')/2 − η(|g'|² − |g|²)/4 ]</pre>
 *
 * (expand the two squares: the |δ|² terms cancel). The bracket is what this class sums, one
 * contiguous range at a time, so an engine can add its groups in its own loops. Accepting with
 * probability min(1, α) makes the chain reversible with respect to exp(−βU) at any η: no
 * discretisation bias, unlike the unadjusted step.
 *
 * <p>The form δ·(g + g')/2 is the trapezoid rule for U(θ') − U(θ) along δ: for a quadratic U it
 * cancels the energy difference except for the η-term, which is why MALA on a Gaussian accepts
 * almost everything at small η. Sums are taken in double, also for float arrays.
 */
public final class MalaCorrection {

    private MalaCorrection() {
    }

    /**
     * Σ_i [δ_i (g_i + g'_i)/2 − η (g'_i² − g_i²)/4] over {@code [off, off+len)}, with
     * δ = prop − old, g = β·gradOld, g' = β·gradNew (gradients of the untempered U).
     */
    public static double proposalLogRatio(double[] old, double[] prop, double[] gradOld, double[] gradNew,
                                          int off, int len, double eta, double beta) {
        double cross = 0;
        double norms = 0;
        for (int i = off, end = off + len; i < end; i++) {
            double g = gradOld[i];
            double gp = gradNew[i];
            cross += (prop[i] - old[i]) * (g + gp);
            norms += gp * gp - g * g;
        }
        return beta * cross / 2 - eta * beta * beta * norms / 4;
    }

    /** As above for float32 parameters and gradients, summed in double. */
    public static double proposalLogRatio(float[] old, float[] prop, float[] gradOld, float[] gradNew,
                                          int off, int len, double eta, double beta) {
        double cross = 0;
        double norms = 0;
        for (int i = off, end = off + len; i < end; i++) {
            double g = gradOld[i];
            double gp = gradNew[i];
            cross += ((double) prop[i] - old[i]) * (g + gp);
            norms += gp * gp - g * g;
        }
        return beta * cross / 2 - eta * beta * beta * norms / 4;
    }

    /** log α from the energies and the summed {@link #proposalLogRatio} of every group. */
    public static double logAcceptance(double energyOld, double energyNew, double beta, double proposalLogRatio) {
        return -beta * (energyNew - energyOld) + proposalLogRatio;
    }

    /** min(1, α), 0 for a NaN (a proposal into a non-finite energy is never accepted). */
    public static double probability(double logAcceptance) {
        if (Double.isNaN(logAcceptance)) {
            return 0;
        }
        return logAcceptance >= 0 ? 1 : Math.exp(logAcceptance);
    }

    /** The accept decision for a uniform u in [0, 1). */
    public static boolean accept(double logAcceptance, double uniform) {
        return !Double.isNaN(logAcceptance) && (logAcceptance >= 0 || uniform < Math.exp(logAcceptance));
    }
}
