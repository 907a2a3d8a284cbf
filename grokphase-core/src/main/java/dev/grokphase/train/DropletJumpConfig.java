package dev.grokphase.train;

import dev.grokphase.error.GrokphaseException;

/**
 * The collapsed per-neuron Metropolis jump ({@link DropletJump}): every {@code every} steps, one
 * sweep over all hidden neurons of every network, each proposing w_i' = w_i + δ u along the unit
 * teacher direction u, with |δ| = size·(1 + spread·(2U − 1)), U uniform, and a random sign, and
 * accepted with the ratio of the marginal of w_i with its readout weight a_i integrated out; a_i is
 * then drawn from its Gaussian conditional. docs/theory.md ("Droplet jumps") derives it and says why
 * it crosses the barrier between the wells of S(q).
 *
 * @param every  steps between sweeps (--jump-every; 0 = off)
 * @param size   Δ, the typical jump along u in units of w·u (--jump-size): the distance from the
 *               central well (q ≈ 0) to a side well (|q*| ≈ 1–1.4 at the App. D point)
 * @param spread relative spread of |δ| around Δ, in [0, 1) (--jump-spread): a range of jump lengths
 *               reaches side wells whose position the user does not know exactly
 * @param kind    which move a sweep makes (--jump-kind): {@link Kind#SHIFT} ({@link DropletJump}) or
 *               {@link Kind#LAPLACE} ({@link LaplaceDropletJump}, which uses Δ as the start of its
 *               side-well search and Δ/2 as the edge of the central well, and ignores the spread)
 * @param neurons neurons per sweep (--jump-neurons): 0 = every neuron in order; M > 0 = M neurons
 *               drawn uniformly (with replacement) from the network's noise stream
 */
public record DropletJumpConfig(int every, double size, double spread, Kind kind, int neurons) {

    /** The move of one neuron. */
    public enum Kind {
        /** w_i + δu, its readout integrated out ({@link DropletJump}). */
        SHIFT,
        /**
         * Independence proposal between the central well (drawn from the prior) and the side wells
         * (drawn from the Laplace approximation at the side mode of the neuron's collapsed
         * conditional), its readout integrated out ({@link LaplaceDropletJump}).
         */
        LAPLACE
    }

    /** The shift move over every neuron (the original three-parameter form). */
    public DropletJumpConfig(int every, double size, double spread) {
        this(every, size, spread, Kind.SHIFT, 0);
    }

    /** Default Δ: the side-well position of the App. D point at N = 250 (finite-d theory q* = 1.33) and N = 500 (1.10) lie within its spread. */
    public static final double DEFAULT_SIZE = 1.2;

    /** Default spread: |δ| uniform in [0.9, 1.5] at Δ = 1.2. */
    public static final double DEFAULT_SPREAD = 0.25;

    /** No jumps. */
    public static final DropletJumpConfig NONE = new DropletJumpConfig(0, DEFAULT_SIZE, DEFAULT_SPREAD);

    public DropletJumpConfig {
        if (every < 0) {
            throw GrokphaseException.outOfRange("--jump-every", every, "integers >= 0 (0 = off)");
        }
        if (!(size > 0 && size <= 100)) {
            throw GrokphaseException.outOfRange("--jump-size", size, "(0, 100] (a jump along the teacher direction, in units of w·w*)");
        }
        if (!(spread >= 0 && spread < 1)) {
            throw GrokphaseException.outOfRange("--jump-spread", spread, "[0, 1)");
        }
        if (kind == null) {
            kind = Kind.SHIFT;
        }
        if (neurons < 0) {
            throw GrokphaseException.outOfRange("--jump-neurons", neurons, "integers >= 0 (0 = every neuron in order)");
        }
    }

    /** Sweeps every {@code every} steps with the default size and spread. */
    public static DropletJumpConfig every(int every) {
        return new DropletJumpConfig(every, DEFAULT_SIZE, DEFAULT_SPREAD);
    }

    public DropletJumpConfig withKind(Kind k, int m) {
        return new DropletJumpConfig(every, size, spread, k, m);
    }

    public boolean on() {
        return every > 0;
    }
}
