package dev.grokphase.sampling;

import dev.grokphase.error.GrokphaseException;

import java.util.Arrays;

/**
 * Inverse temperatures β_0 = 1 &gt; β_1 &gt; … &gt; β_{R−1} = 1/T_max for replica exchange. Replica k
 * samples exp(−β_k U) with U the whole energy (data term and prior), so only replica 0 samples the
 * target posterior.
 *
 * <p>The geometric ladder β_k = T_max^{−k/(R−1)} gives equal ratios β_{k+1}/β_k; for an energy
 * whose heat capacity is roughly constant over the ladder this gives equal swap acceptance on every
 * pair (Kofke 2002; Earl and Deem 2005), which is why it is the default.
 */
public final class TemperatureLadder {

    private final double[] beta;

    private TemperatureLadder(double[] beta) {
        this.beta = beta;
    }

    /**
     * @param replicas      R ≥ 1 (--replicas); R = 1 is the plain sampler, β_0 = 1
     * @param maxTemperature T_max ≥ 1 (--max-temperature), the temperature of the hottest replica
     */
    public static TemperatureLadder geometric(int replicas, double maxTemperature) {
        if (replicas < 1 || replicas > 1024) {
            throw GrokphaseException.outOfRange("--replicas", replicas, "integers in [1, 1024]");
        }
        if (!(maxTemperature >= 1) || Double.isInfinite(maxTemperature)) {
            throw GrokphaseException.outOfRange("--max-temperature", maxTemperature, "finite numbers >= 1");
        }
        if (replicas > 1 && maxTemperature == 1) {
            throw GrokphaseException.outOfRange("--max-temperature", maxTemperature,
                    "numbers > 1 when --replicas > 1 (all replicas at T = 1 never cross a barrier)");
        }
        double[] b = new double[replicas];
        for (int k = 0; k < replicas; k++) {
            b[k] = replicas == 1 ? 1.0 : Math.pow(maxTemperature, -(double) k / (replicas - 1));
        }
        b[0] = 1.0;
        return new TemperatureLadder(b);
    }

    /** An explicit ladder (tests): β_0 must be 1 and the values strictly decreasing and positive. */
    public static TemperatureLadder of(double... inverseTemperatures) {
        double[] b = inverseTemperatures.clone();
        if (b.length == 0 || b[0] != 1.0) {
            throw new IllegalArgumentException("β_0 must be 1: " + Arrays.toString(b));
        }
        for (int k = 1; k < b.length; k++) {
            if (!(b[k] > 0 && b[k] < b[k - 1])) {
                throw new IllegalArgumentException("inverse temperatures must decrease and stay positive: " + Arrays.toString(b));
            }
        }
        return new TemperatureLadder(b);
    }

    public int size() {
        return beta.length;
    }

    /** β_k. */
    public double beta(int k) {
        return beta[k];
    }

    /** T_k = 1/β_k. */
    public double temperature(int k) {
        return 1.0 / beta[k];
    }

    public double[] betas() {
        return beta.clone();
    }
}
