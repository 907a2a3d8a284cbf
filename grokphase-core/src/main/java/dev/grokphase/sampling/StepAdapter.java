package dev.grokphase.sampling;

import dev.grokphase.error.GrokphaseException;

/**
 * Adapts the step scale c of one MALA chain (η_g = c·preconditioner_g) during burn-in, then
 * freezes it. Robbins–Monro on log c towards the target acceptance α*:
 *
 * <pre>  log c ← log c + (t + 10)^{−0.6} · (min(1, α_t) − α*)</pre>
 *
 * using the acceptance probability of step t rather than the 0/1 outcome (lower variance). After
 * {@code adaptSteps} updates c is fixed, so the chain from then on is a time-homogeneous Markov
 * chain reversible with respect to the target: adaptation changes only how fast burn-in goes, never
 * what is sampled afterwards. α* = 0.574 is the optimal MALA acceptance in high dimension (Roberts
 * and Rosenthal 1998). c is kept in [1e-8, 1.99]: c = 2 is where the proposal mean
 * θ(1 − c) − … overshoots the prior's own curvature.
 */
public final class StepAdapter {

    /** The asymptotically optimal acceptance rate of MALA (Roberts and Rosenthal 1998). */
    public static final double OPTIMAL_ACCEPTANCE = 0.574;

    private static final double MIN_SCALE = 1e-8;
    private static final double MAX_SCALE = 1.99;

    private final double target;
    private final long adaptSteps;
    private double logScale;
    private long updates;

    /**
     * @param initialScale c at step 0 (--lr)
     * @param target       α* in (0, 1) (--target-acceptance)
     * @param adaptSteps   number of steps that adapt c (0 = never adapt)
     */
    public StepAdapter(double initialScale, double target, long adaptSteps) {
        if (!(initialScale >= MIN_SCALE && initialScale <= MAX_SCALE)) {
            throw GrokphaseException.outOfRange("--lr", initialScale, "[1e-8, 1.99] for MALA (step = lr × prior variance)");
        }
        if (!(target > 0 && target < 1)) {
            throw GrokphaseException.outOfRange("--target-acceptance", target, "(0, 1)");
        }
        if (adaptSteps < 0) {
            throw GrokphaseException.outOfRange("--adapt-steps", adaptSteps, "integers >= 0");
        }
        this.target = target;
        this.adaptSteps = adaptSteps;
        this.logScale = Math.log(initialScale);
    }

    /** The current step scale c. */
    public double scale() {
        return Math.exp(logScale);
    }

    /** True while c still changes. */
    public boolean adapting() {
        return updates < adaptSteps;
    }

    /** Feeds the acceptance probability of one step; changes c only during burn-in. */
    public void observe(double acceptanceProbability) {
        if (updates >= adaptSteps) {
            return;
        }
        double gain = Math.pow(updates + 10.0, -0.6);
        double p = Double.isNaN(acceptanceProbability) ? 0 : acceptanceProbability;
        logScale = Math.max(Math.log(MIN_SCALE), Math.min(Math.log(MAX_SCALE), logScale + gain * (p - target)));
        updates++;
    }

    /** {updates, bits of log c}: continues bit-identically. */
    public long[] state() {
        return new long[] {updates, Double.doubleToRawLongBits(logScale)};
    }

    public void setState(long[] s) {
        updates = s[0];
        logScale = Double.longBitsToDouble(s[1]);
    }
}
