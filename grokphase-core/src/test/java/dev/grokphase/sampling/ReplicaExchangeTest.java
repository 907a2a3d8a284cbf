package dev.grokphase.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grokphase.random.RandomStream;
import dev.grokphase.random.SeedTree;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/**
 * Replica exchange leaves every replica's marginal exact, on a tilted 1-D double well
 * U(x) = h(x² − 1)² + t·x (h = 10, t = 0.6) whose tempered marginals exp(−β_k U)/Z_k are known by
 * quadrature. At β = 1 the barrier is 10 (crossing rate ~ e⁻¹⁰ per unit time), and the lower well
 * at x = −1 holds 77% of the mass; every chain starts in the upper well at x = +1.
 *
 * <p>Independent samples: 2000 independent tempered systems (seeds 0..1999 under root 41), each run
 * 1000 steps (300 adapting the step), the final state of each replica taken once. A chi-square test
 * of each replica's histogram against the quadrature probabilities must not reject at p = 10⁻³;
 * the same protocol without exchange (one chain at β = 1) must be rejected (p &lt; 10⁻¹⁰).
 */
class ReplicaExchangeTest {

    static final double H = 10;
    static final double TILT = 0.6;

    static double energy(double x) {
        double s = x * x - 1;
        return H * s * s + TILT * x;
    }

    static Target doubleWell() {
        return new Target() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double energyAndGradient(double[] theta, double[] gradient) {
                double x = theta[0];
                gradient[0] = 4 * H * x * (x * x - 1) + TILT;
                return energy(x);
            }
        };
    }

    /** Bin edges: 20 bins on [−1.8, 1.8] and two tails. */
    static final double LO = -1.8;
    static final double HI = 1.8;
    static final int BINS = 20;

    static int bin(double x) {
        if (x < LO) {
            return 0;
        }
        if (x >= HI) {
            return BINS + 1;
        }
        return 1 + Math.min(BINS - 1, (int) ((x - LO) / (HI - LO) * BINS));
    }

    /** Probability of each bin under exp(−βU)/Z, by Simpson's rule on [−4, 4] (the tails beyond are below e⁻³⁰⁰). */
    static double[] binProbabilities(double beta) {
        int n = 400_000;
        double a = -4;
        double b = 4;
        double h = (b - a) / n;
        double[] p = new double[BINS + 2];
        double z = 0;
        for (int i = 0; i <= n; i++) {
            double x = a + i * h;
            double w = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2);
            double f = w * Math.exp(-beta * (energy(x) - energy(-1)));
            z += f;
            // a grid point exactly on an edge belongs to the upper bin, as in bin(); edges are on
            // the grid, so splitting its weight in half keeps Simpson exact on each piece
            int k = bin(x);
            boolean onEdge = x > LO - h / 2 && Math.abs((x - LO) / (HI - LO) * BINS - Math.rint((x - LO) / (HI - LO) * BINS)) < 1e-9
                    && x <= HI + h / 2;
            if (onEdge && k > 0) {
                p[k] += f / 2;
                p[k - 1] += f / 2;
            } else {
                p[k] += f;
            }
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= z;
        }
        return p;
    }

    /** Chi-square p-value of observed counts against probabilities; bins expecting fewer than 5 are pooled. */
    static double chiSquarePValue(long[] counts, double[] p, long total) {
        double chi2 = 0;
        int cells = 0;
        double pooledExpected = 0;
        long pooledObserved = 0;
        for (int k = 0; k < p.length; k++) {
            double e = p[k] * total;
            if (e < 5) {
                pooledExpected += e;
                pooledObserved += counts[k];
            } else {
                chi2 += (counts[k] - e) * (counts[k] - e) / e;
                cells++;
            }
        }
        if (pooledExpected > 0) {
            chi2 += (pooledObserved - pooledExpected) * (pooledObserved - pooledExpected) / pooledExpected;
            cells++;
        }
        return 1 - new ChiSquaredDistribution(cells - 1).cumulativeProbability(chi2);
    }

    static long[][] finalStates(TemperatureLadder ladder, int systems, int steps, int adapt) {
        long[][] counts = new long[ladder.size()][BINS + 2];
        SeedTree root = SeedTree.root(41);
        for (int s = 0; s < systems; s++) {
            TemperedChains tc = new TemperedChains(doubleWell(), new double[] {1.0}, new double[] {1.0}, ladder,
                    0.02, 0.574, adapt, 1, root.child("system", s));
            for (int t = 0; t < steps; t++) {
                tc.step();
            }
            for (int k = 0; k < ladder.size(); k++) {
                counts[k][bin(tc.chain(k).theta()[0])]++;
            }
        }
        return counts;
    }

    @Test
    void everyReplicaMarginalIsTheTemperedDensity() {
        TemperatureLadder ladder = TemperatureLadder.geometric(6, 20);
        int systems = 2000;
        long[][] counts = finalStates(ladder, systems, 1000, 300);
        for (int k = 0; k < ladder.size(); k++) {
            double[] p = binProbabilities(ladder.beta(k));
            double pv = chiSquarePValue(counts[k], p, systems);
            assertThat(pv).as("replica %d (T = %.3f): chi-square p-value, counts %s", k, ladder.temperature(k),
                    java.util.Arrays.toString(counts[k])).isGreaterThan(1e-3);
        }
        // the β = 1 replica really is in the lower well most of the time (77%)
        double left = 0;
        for (int b = 0; b <= BINS / 2; b++) {
            left += counts[0][b];
        }
        assertThat(left / systems).isBetween(0.70, 0.84);
    }

    @Test
    void withoutExchangeTheSameTestRejects() {
        TemperatureLadder one = TemperatureLadder.geometric(1, 1);
        int systems = 2000;
        long[][] counts = finalStates(one, systems, 1000, 300);
        double pv = chiSquarePValue(counts[0], binProbabilities(1.0), systems);
        assertThat(pv).as("a single chain stays in the upper well").isLessThan(1e-10);
    }

    /**
     * Swap acceptance against its expectation: with exact independent draws x_k ~ N(0, 1/β_k) for
     * U = x²/2, the mean acceptance of pair (0, 1) is E[min(1, exp((β₀ − β₁)(U₀ − U₁)))], computed by
     * 2-D quadrature. 200,000 rounds (100,000 attempts on the pair), seed 42, 5 standard errors.
     */
    @Test
    void swapAcceptanceMatchesItsExpectationForExactDraws() {
        double b0 = 1.0;
        double b1 = 0.25;
        ReplicaExchange rx = new ReplicaExchange(TemperatureLadder.of(b0, b1), RandomStream.fromSeed(42));
        RandomStream draws = RandomStream.fromSeed(43);
        double[] e = new double[2];
        for (int r = 0; r < 200_000; r++) {
            double x0 = draws.nextGaussian() / Math.sqrt(b0);
            double x1 = draws.nextGaussian() / Math.sqrt(b1);
            e[0] = x0 * x0 / 2;
            e[1] = x1 * x1 / 2;
            rx.round(e, (i, j) -> { });
        }
        // quadrature on a grid of standard normals z0, z1 (x_k = z_k/√β_k)
        int n = 2001;
        double lim = 8;
        double h = 2 * lim / (n - 1);
        double expect = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double z0 = -lim + i * h;
            double w0 = Math.exp(-z0 * z0 / 2);
            for (int j = 0; j < n; j++) {
                double z1 = -lim + j * h;
                double w = w0 * Math.exp(-z1 * z1 / 2);
                double u0 = z0 * z0 / (2 * b0);
                double u1 = z1 * z1 / (2 * b1);
                expect += w * Math.min(1, Math.exp((b0 - b1) * (u0 - u1)));
                norm += w;
            }
        }
        expect /= norm;
        long attempts = rx.attempts(0);
        assertThat(attempts).isEqualTo(100_000);
        double se = Math.sqrt(expect * (1 - expect) / attempts);
        assertThat(Math.abs(rx.acceptance(0) - expect)).as("measured %s, expected %s", rx.acceptance(0), expect)
                .isLessThan(5 * se);
        // power: the rule with the sign of the exponent flipped would give a very different rate
        assertThat(Math.abs(expect - 0.5)).isGreaterThan(0.05);
    }

    @Test
    void stateRoundTripContinuesBitIdentically() {
        TemperatureLadder ladder = TemperatureLadder.geometric(4, 8);
        ReplicaExchange a = new ReplicaExchange(ladder, RandomStream.fromSeed(5));
        double[] e = {1, 2, 3, 4};
        for (int r = 0; r < 7; r++) {
            a.round(e, (i, j) -> { });
        }
        long[] saved = a.state();
        ReplicaExchange b = new ReplicaExchange(ladder, RandomStream.fromSeed(999));
        b.setState(saved);
        double[] ea = e.clone();
        double[] eb = e.clone();
        for (int r = 0; r < 9; r++) {
            a.round(ea, (i, j) -> { });
            b.round(eb, (i, j) -> { });
        }
        assertThat(b.state()).containsExactly(a.state());
        assertThat(eb).containsExactly(ea);
    }

    @Test
    void geometricLadder() {
        TemperatureLadder l = TemperatureLadder.geometric(5, 16);
        assertThat(l.betas()).containsExactly(1.0, 0.5, 0.25, 0.125, 0.0625);
        assertThat(TemperatureLadder.geometric(1, 1).betas()).containsExactly(1.0);
    }
}
