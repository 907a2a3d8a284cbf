package dev.grokphase.net;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.random.RandomStream;

import java.util.Locale;

/**
 * Where a chain starts (--init). Two starts on opposite sides of a first-order transition are the
 * test of equilibrium near it: a sampler that has forgotten its start gives the same observables
 * from both (issue 9 §2, "two starts").
 *
 * <ul>
 *   <li>{@code prior}: w ~ N(0, stdW²), a ~ N(0, stdA²) (the default; bit-identical to
 *       {@link TwoLayerNetwork#gaussian}).</li>
 *   <li>{@code aligned:Q} (or {@code aligned:Q:F}, only a fraction F of the neurons): every hidden neuron starts at overlap w_i·w* = s_i·Q with the unit teacher
 *       direction w*, s_i = ±1 at random, and its part orthogonal to w* drawn from the prior
 *       (w_i = s_i Q w* + (I − w*w*ᵀ) g_i, g_i ~ N(0, stdW² I)); a from the prior. With Q at the
 *       side wells of S(q) every neuron starts in a droplet state, the opposite extreme to the prior.</li>
 * </ul>
 * The aligned start needs a teacher direction; the modular task has none, so it is refused there.
 * Its analogue for modular addition is {@code droplet:Φ}:
 * <ul>
 *   <li>{@code droplet:Φ}: every neuron a droplet of the modular theory (notes §5.6–§5.9): its prior
 *       draw plus a pair of cosines of one random frequency k ∈ 1..(P−1)/2 with random phases,
 *       w_n += 2√Φ cos(2πkn/P − θ₁), v_m += 2√Φ cos(2πkm/P − θ₂), so |w_k|² ≈ |v_k|² ≈ Φ (Gromov's
 *       solution). With Φ at the droplet well (≈ Φ_+ of `theory modular`) every neuron starts in the
 *       non-zero well, the opposite extreme to the prior. Needs inputs of dimension 2P (two-hot).</li>
 * </ul>
 */
public sealed interface InitialState {

    /** The spelling of --init. */
    String id();

    /** The initial network; {@code teacher} is the unit teacher direction (null where there is none). */
    TwoLayerNetwork draw(NetworkSpec spec, double stdW, double stdA, RandomStream rng, double[] teacher);

    /** The prior draw (today's initialisation). */
    record Prior() implements InitialState {
        @Override
        public String id() {
            return "prior";
        }

        @Override
        public TwoLayerNetwork draw(NetworkSpec spec, double stdW, double stdA, RandomStream rng, double[] teacher) {
            return TwoLayerNetwork.gaussian(spec, stdW, stdA, rng);
        }
    }

    /**
     * A fraction of the neurons (all by default) at overlap ±q with the teacher.
     *
     * @param fraction share of the neurons set to ±q, the first round(fraction·N) in index order
     *                 (neurons are exchangeable, so which ones does not matter); the rest from the prior
     */
    record Aligned(double q, double fraction) implements InitialState {
        public Aligned {
            if (!(Double.isFinite(q) && q >= 0)) {
                throw GrokphaseException.outOfRange("--init", "aligned:" + q, "aligned:Q with Q >= 0 finite");
            }
            if (!(fraction > 0 && fraction <= 1)) {
                throw GrokphaseException.outOfRange("--init", "aligned:" + q + ":" + fraction, "aligned:Q:F with F in (0, 1]");
            }
        }

        public Aligned(double q) {
            this(q, 1.0);
        }

        @Override
        public String id() {
            return "aligned:" + RoundTrip.format(q) + (fraction == 1.0 ? "" : ":" + RoundTrip.format(fraction));
        }

        @Override
        public TwoLayerNetwork draw(NetworkSpec spec, double stdW, double stdA, RandomStream rng, double[] teacher) {
            if (teacher == null) {
                throw GrokphaseException.invalid("--init", id(), "needs a teacher direction (train cubic); the modular task has none — use prior");
            }
            int n = spec.width();
            int d = spec.inputDim();
            if (teacher.length != d) {
                throw new IllegalArgumentException("teacher direction has " + teacher.length + " entries, input dimension is " + d);
            }
            TwoLayerNetwork net = TwoLayerNetwork.gaussian(spec, stdW, stdA, rng);
            double[] w = net.w();
            int aligned = (int) Math.round(fraction * n);
            for (int i = 0; i < aligned; i++) {
                double g = 0;
                for (int k = 0; k < d; k++) {
                    g += w[i * d + k] * teacher[k];
                }
                double target = (rng.nextDouble() < 0.5 ? -q : q);
                double shift = target - g; // remove the drawn component along w*, put ±q there
                for (int k = 0; k < d; k++) {
                    w[i * d + k] += shift * teacher[k];
                }
            }
            return net;
        }
    }

    /** Every neuron a cosine pair of one random frequency with |w_k|² = |v_k|² = Φ on top of its prior draw. */
    record Droplet(double phi) implements InitialState {
        public Droplet {
            if (!(Double.isFinite(phi) && phi >= 0)) {
                throw GrokphaseException.outOfRange("--init", "droplet:" + phi, "droplet:PHI with PHI >= 0 finite");
            }
        }

        @Override
        public String id() {
            return "droplet:" + RoundTrip.format(phi);
        }

        @Override
        public TwoLayerNetwork draw(NetworkSpec spec, double stdW, double stdA, RandomStream rng, double[] teacher) {
            int d = spec.inputDim();
            int p = d / 2;
            if (d % 2 != 0 || p < 3) {
                throw GrokphaseException.invalid("--init", id(), "needs two-hot inputs of dimension 2P with P >= 3 (train modular)");
            }
            TwoLayerNetwork net = TwoLayerNetwork.gaussian(spec, stdW, stdA, rng);
            double[] w = net.w();
            double amp = 2 * Math.sqrt(phi);
            for (int i = 0; i < spec.width(); i++) {
                int k = 1 + rng.nextInt((p - 1) / 2);
                double t1 = 2 * Math.PI * rng.nextDouble();
                double t2 = 2 * Math.PI * rng.nextDouble();
                for (int n = 0; n < p; n++) {
                    double angle = 2 * Math.PI * ((long) k * n % p) / p;
                    w[i * d + n] += amp * Math.cos(angle - t1);
                    w[i * d + p + n] += amp * Math.cos(angle - t2);
                }
            }
            return net;
        }
    }

    /** Parses {@code prior}, {@code aligned:Q} or {@code droplet:Φ}; one-line error naming {@code option} otherwise. */
    static InitialState parse(String option, String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("prior")) {
            return new Prior();
        }
        if (t.startsWith("aligned:")) {
            try {
                String[] parts = t.substring("aligned:".length()).split(":", -1);
                double q = Double.parseDouble(parts[0]);
                double f = parts.length > 1 ? Double.parseDouble(parts[1]) : 1.0;
                if (parts.length <= 2 && Double.isFinite(q) && q >= 0 && f > 0 && f <= 1) {
                    return new Aligned(q, f);
                }
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        if (t.startsWith("droplet:")) {
            try {
                double phi = Double.parseDouble(t.substring("droplet:".length()));
                if (Double.isFinite(phi) && phi >= 0) {
                    return new Droplet(phi);
                }
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw GrokphaseException.invalid(option, s, "allowed: prior | aligned:Q | aligned:Q:F with Q >= 0 and F in (0, 1] (e.g. aligned:1.3, "
                + "aligned:1.3:0.1) | droplet:PHI with PHI >= 0 (train modular, e.g. droplet:0.7)");
    }

    /** Shortest decimal that reads back to the same double (for ids). */
    final class RoundTrip {
        private RoundTrip() {
        }

        static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : Double.toString(v);
        }
    }
}
