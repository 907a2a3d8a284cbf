package dev.grokphase.train;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.sampling.TemperatureLadder;

/**
 * Replica exchange (parallel tempering) around a MALA run: every network gets R − 1 hotter copies
 * on the same dataset, on the geometric ladder β_k = T_max^(−k/(R−1)) of
 * {@link TemperatureLadder#geometric}; neighbours exchange states every {@code swapEvery} steps by
 * the Metropolis rule of {@link dev.grokphase.sampling.ReplicaExchange}; only the β = 1 copy is
 * recorded. docs/theory.md ("Samplers") explains the two choices of what is tempered and why the
 * ladder makes droplets appear and vanish.
 *
 * @param replicas       R ≥ 1 (--replicas; 1 = no tempering)
 * @param maxTemperature T_max of the hottest copy (--max-temperature)
 * @param tempered       what the inverse temperature multiplies (--temper)
 * @param swapEvery      steps between exchange rounds (--swap-every)
 */
public record TemperingConfig(int replicas, double maxTemperature, Tempered tempered, int swapEvery) {

    /** What β multiplies. */
    public enum Tempered {
        /**
         * The data term (and Γ, where used): exp(−β(L + Γ) − G) with G the Gaussian prior, i.e.
         * σ² → σ²/β with the prior fixed — the paper's own temperature (notes §2.1: T = σ², with the
         * weight decay scaled so that the prior stays put).
         */
        LIKELIHOOD("likelihood"),
        /** The whole log-posterior: exp(−βU), i.e. σ², σ_w², σ_a² all divided by β. */
        POSTERIOR("posterior");

        private final String cliName;

        Tempered(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }
    }

    /** No tempering. */
    public static final TemperingConfig NONE = new TemperingConfig(1, 1.0, Tempered.LIKELIHOOD, 1);

    public TemperingConfig {
        if (tempered == null) {
            tempered = Tempered.LIKELIHOOD;
        }
        TemperatureLadder.geometric(replicas, maxTemperature); // validates R and T_max
        if (swapEvery < 1) {
            throw GrokphaseException.outOfRange("--swap-every", swapEvery, "integers >= 1");
        }
    }

    public TemperatureLadder ladder() {
        return TemperatureLadder.geometric(replicas, maxTemperature);
    }

    /** β of the data term and Γ at rung k. */
    public double betaTempered(int k) {
        return ladder().beta(k);
    }

    /** β of the Gaussian prior at rung k: 1 when only the likelihood is tempered. */
    public double betaGaussianPrior(int k) {
        return tempered == Tempered.POSTERIOR ? ladder().beta(k) : 1.0;
    }
}
