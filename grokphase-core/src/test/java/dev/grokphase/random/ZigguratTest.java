package dev.grokphase.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.grokphase.special.BranchFreeErf;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ziggurat sampler against the normal law, computed independently with the project's erf
 * ({@link BranchFreeErf}, accurate to 2e-14): its tables, and 10⁷ draws (seed tree root 20261202,
 * stream "ziggurat") through moments, tail probabilities, a χ² test on 400 equiprobable bins and
 * Kolmogorov–Smirnov tests of the whole law and of the tail beyond r. Tolerances are 5 standard
 * errors for the moments and tails, and the 10⁻³–10⁻⁴ quantiles of the test statistics; with the
 * fixed seed the outcome is deterministic. Checked by breaking the sampler: accepting every wedge
 * point (upper density bound F[i] instead of F[i+1]) fails the moment, tail and χ² tests; dropping
 * the tail's rejection step fails the tail and Kolmogorov–Smirnov tests.
 */
class ZigguratTest {

    private static final int N = 10_000_000;
    private static double[] draws;

    @BeforeAll
    static void draw() {
        draws = new double[N];
        Ziggurat.fill(SeedTree.root(20261202).stream("ziggurat"), draws, 0, N);
    }

    /** P(|Z| > t) for Z ~ N(0, 1). */
    private static double twoSidedTail(double t) {
        return 1 - BranchFreeErf.erf(t / Math.sqrt(2));
    }

    private static double cdf(double x) {
        return 0.5 * (1 + BranchFreeErf.erf(x / Math.sqrt(2)));
    }

    @Test
    void tablesCoverTheDensityWithLayersOfEqualArea() {
        double sqrtHalfPi = Math.sqrt(Math.PI / 2);
        double r = Ziggurat.R;
        // v = r·f(r) + ∫_r^∞ f, the tail from erf (independent of the continued fraction)
        double v = r * Math.exp(-r * r / 2) + sqrtHalfPi * twoSidedTail(r);
        assertThat(Math.abs(Ziggurat.V / v - 1)).isLessThan(1e-11);
        // Marsaglia and Tsang's published value for 256 layers
        assertThat(Ziggurat.V).isCloseTo(0.00492867323399, within(1e-13));
        assertThat(Ziggurat.X[1]).isEqualTo(r);
        assertThat(Ziggurat.X[0] * Ziggurat.F[1]).isCloseTo(Ziggurat.V, within(1e-18));
        for (int i = 1; i < Ziggurat.LAYERS; i++) {
            assertThat(Ziggurat.F[i]).isCloseTo(Math.exp(-Ziggurat.X[i] * Ziggurat.X[i] / 2),
                    within(1e-15));
            assertThat(Ziggurat.X[i + 1]).isLessThan(Ziggurat.X[i]);
            double area = Ziggurat.X[i] * (Ziggurat.F[i + 1] - Ziggurat.F[i]);
            // every layer, including the top one that the recursion closes at f = 1
            assertThat(Math.abs(area / Ziggurat.V - 1)).as("layer %d", i).isLessThan(1e-9);
        }
    }

    @Test
    void momentsMatchTheStandardNormal() {
        // standard errors at n = 1e7: mean 3.2e-4, E z² 4.5e-4, E z³ 1.2e-3, E z⁴ 3.1e-3
        double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
        for (double z : draws) {
            double z2 = z * z;
            m1 += z;
            m2 += z2;
            m3 += z2 * z;
            m4 += z2 * z2;
        }
        assertThat(m1 / N).isBetween(-1.6e-3, 1.6e-3);
        assertThat(m2 / N).isBetween(1 - 2.3e-3, 1 + 2.3e-3);
        assertThat(m3 / N).isBetween(-6.1e-3, 6.1e-3);
        assertThat(m4 / N).isBetween(3 - 1.55e-2, 3 + 1.55e-2);
    }

    @Test
    void tailProbabilitiesMatchTheNormalLaw() {
        for (double t : new double[] {0.5, 1, 2, 3, Ziggurat.R, 4, 4.5, 5}) {
            long count = 0;
            for (double z : draws) {
                if (Math.abs(z) > t) {
                    count++;
                }
            }
            double p = twoSidedTail(t);
            double sd = Math.sqrt(p * (1 - p) / N);
            assertThat(count / (double) N).as("P(|z| > %s)", t).isCloseTo(p, within(5 * sd));
        }
    }

    @Test
    void chiSquareOnEquiprobableBins() {
        // 400 bins of probability 1/400 each (edges by bisection on the CDF); χ² with 399 degrees
        // of freedom has mean 399 and sd 28; its 1e-4 upper quantile is about 510
        int bins = 400;
        double[] edge = new double[bins - 1];
        for (int b = 1; b < bins; b++) {
            double lo = -8;
            double hi = 8;
            for (int it = 0; it < 80; it++) {
                double mid = 0.5 * (lo + hi);
                if (cdf(mid) < b / (double) bins) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            edge[b - 1] = 0.5 * (lo + hi);
        }
        long[] count = new long[bins];
        for (double z : draws) {
            int i = Arrays.binarySearch(edge, z);
            count[i >= 0 ? i + 1 : -i - 1]++;
        }
        double expected = N / (double) bins;
        double chi2 = 0;
        for (long c : count) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertThat(chi2).isLessThan(510);
    }

    @Test
    void kolmogorovSmirnovOfTheLawAndOfTheTail() {
        // whole law on the first 10^6 draws; tail beyond r on all |z| > r (about 2,600 draws).
        // sqrt(n)·D above 1.95 has probability 1e-3 under the null
        double[] x = Arrays.copyOf(draws, 1_000_000);
        assertThat(ks(x, ZigguratTest::cdf)).isLessThan(1.95);
        double tailR = twoSidedTail(Ziggurat.R);
        double[] tail = Arrays.stream(draws).map(Math::abs).filter(a -> a > Ziggurat.R).toArray();
        assertThat(tail.length).isGreaterThan(2000);
        assertThat(ks(tail, t -> (tailR - twoSidedTail(t)) / tailR)).isLessThan(1.95);
    }

    /** √n · sup |F_n − F|. */
    private static double ks(double[] sample, java.util.function.DoubleUnaryOperator cdf) {
        double[] s = sample.clone();
        Arrays.sort(s);
        int n = s.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(s[i]);
            d = Math.max(d, Math.max(f - i / (double) n, (i + 1) / (double) n - f));
        }
        return Math.sqrt(n) * d;
    }

    @Test
    void floatFillIsTheDoubleFillRoundedAndNextMatchesFill() {
        double[] d = new double[10_000];
        float[] f = new float[10_000];
        Ziggurat.fill(SeedTree.root(3).stream("z"), d, 0, d.length);
        Ziggurat.fill(SeedTree.root(3).stream("z"), f, 0, f.length);
        RandomStream s = SeedTree.root(3).stream("z");
        for (int i = 0; i < d.length; i++) {
            assertThat(f[i]).isEqualTo((float) d[i]);
            assertThat(Ziggurat.next(s)).isEqualTo(d[i]);
        }
    }
}
