package dev.grokphase.observe;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ObservablesTest {

    /** Gaussian inputs n×d and a random unit teacher, from a fixed seed. */
    private static double[][] gaussianData(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = gauss(r);
        }
        double[] w = new double[d];
        double norm = 0;
        for (int k = 0; k < d; k++) {
            w[k] = gauss(r);
            norm += w[k] * w[k];
        }
        for (int k = 0; k < d; k++) {
            w[k] /= Math.sqrt(norm);
        }
        return new double[][]{x, w};
    }

    static double gauss(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    @Test
    void networkEqualToTheTeacherHasProjectionsOneAndEpsilon() {
        // Seed 11, n = 200000: Monte Carlo error of E[z H1] and E[z H3]/6 is ~ sqrt(Var)/sqrt(n) < 0.01.
        int n = 200_000;
        int d = 5;
        double eps = -0.3;
        double[][] data = gaussianData(n, d, 11);
        double[] f = CubicProjections.teacher(data[0], n, data[1], eps);
        CubicProjections.Projections p = CubicProjections.of(f, data[0], n, data[1]);
        assertThat(p.linear()).isCloseTo(1.0, within(0.02));
        assertThat(p.cubic()).isCloseTo(eps, within(0.02));
        // A network that learned only the linear part: cubic projection 0 (H1 ⟂ H3).
        double[] lin = CubicProjections.teacher(data[0], n, data[1], 0.0);
        assertThat(CubicProjections.of(lin, data[0], n, data[1]).cubic()).isCloseTo(0.0, within(0.02));
    }

    @Test
    void lossesAndAccuracyMatchHandComputedCases() {
        double[] y = {1, 0, 0, 0, 1, 0};
        double[] f = {0.5, 0.2, 0.1, 0.3, 0.1, 0.9};
        // Squared errors: .25 .04 .01 .09 .81 .81 -> mean 2.01/6.
        assertThat(Losses.mse(f, y, 2, 3)).isCloseTo(2.01 / 6, within(1e-15));
        assertThat(Losses.accuracy(f, y, 2, 3)).isEqualTo(0.5);
        // Uniform logits: cross-entropy log K.
        assertThat(Losses.crossEntropy(new double[]{7, 7, 7}, new double[]{0, 1, 0}, 1, 3)).isCloseTo(Math.log(3), within(1e-15));
    }

    @Test
    void overlapsAndPooledHistogramErrorBarsMatchTheirSamplingError() {
        double[] wStar = {0.6, 0.8};
        double[] w = {3, 4, -0.8, 0.6};
        assertThat(Overlaps.of(w, 2, wStar)).containsExactly(5.0, 0.0);

        // Pooled histogram of N(0,1) samples from 10 "networks" of 400 neurons: the density agrees with
        // the normal pdf, and over 200 repetitions (seed 5) the RMS deviation from the pdf matches the
        // mean 5-subset error bar within 25 %.
        SplittableRandom r = new SplittableRandom(5);
        int bins = 8;
        double lo = -2;
        double hi = 2;
        double[] sqDev = new double[bins];
        double[] meanErr = new double[bins];
        int reps = 200;
        for (int rep = 0; rep < reps; rep++) {
            List<double[]> nets = new ArrayList<>();
            for (int j = 0; j < 10; j++) {
                double[] q = new double[400];
                for (int i = 0; i < q.length; i++) {
                    q[i] = gauss(r);
                }
                nets.add(q);
            }
            Overlaps.Histogram h = Overlaps.pooledHistogram(nets, lo, hi, bins);
            assertThat(h.samples()).isEqualTo(4000);
            for (int b = 0; b < bins; b++) {
                double exact = binProbability(lo + b * 0.5, lo + (b + 1) * 0.5) / 0.5;
                sqDev[b] += Math.pow(h.density()[b] - exact, 2) / reps;
                meanErr[b] += h.error()[b] / reps;
                assertThat(h.negLogP()[b]).isCloseTo(-Math.log(h.density()[b]), within(1e-12));
            }
        }
        for (int b = 0; b < bins; b++) {
            assertThat(meanErr[b] / Math.sqrt(sqDev[b])).as("bin %d", b).isBetween(0.75, 1.25);
        }
    }

    private static double binProbability(double a, double b) {
        return 0.5 * (org.hipparchus.special.Erf.erf(b / Math.sqrt(2)) - org.hipparchus.special.Erf.erf(a / Math.sqrt(2)));
    }

    @Test
    void pureCosineNeuronHasItsFrequencyAndIprOne() {
        int p = 23;
        FourierSpectrum fs = new FourierSpectrum(p);
        double[] w = new double[3 * 2 * p];
        for (int n = 0; n < p; n++) {
            // neuron 0: w and v both at frequency 5 with different phases (Gromov's solution, §5.9)
            w[n] = 2 * Math.cos(2 * Math.PI * 5 * n / p - 0.3);
            w[p + n] = 2 * Math.cos(2 * Math.PI * 5 * n / p + 1.1);
            // neuron 1: w at frequency 3, v at frequency 7, equal amplitude: two occupied bins, IPR 1/2
            w[2 * p + n] = Math.cos(2 * Math.PI * 3 * n / p);
            w[3 * p + n] = Math.sin(2 * Math.PI * 7 * n / p);
            // neuron 2: a delta at input 0 -> flat spectrum: IPR = (1 + 11*4)/ (1 + 11*2)^2 per the folding
            w[4 * p + n] = n == 0 ? 1 : 0;
        }
        FourierSpectrum.NeuronSpectrum s0 = fs.neuron(w, 0);
        assertThat(s0.dominantFrequency()).isEqualTo(5);
        assertThat(s0.ipr()).isCloseTo(1.0, within(1e-12));
        // Parseval: folded power = |w|²/P; a cosine of amplitude 2 has |w|² = 2P, so s_5 = 2 + 2.
        assertThat(s0.total(5)).isCloseTo(4.0, within(1e-12));
        FourierSpectrum.NeuronSpectrum s1 = fs.neuron(w, 1);
        assertThat(s1.ipr()).isCloseTo(0.5, within(1e-12));
        assertThat(s1.powerW()[3]).isCloseTo(0.5, within(1e-12));
        assertThat(s1.powerV()[7]).isCloseTo(0.5, within(1e-12));
        // Delta: |w_k|² = 1/P² for every k; folded s_0 = 1/P², s_k = 2/P² (k = 1..11).
        FourierSpectrum.NeuronSpectrum s2 = fs.neuron(w, 2);
        double expected = (1 + 11 * 4.0) / Math.pow(1 + 11 * 2.0, 2);
        assertThat(s2.ipr()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void discrepancyIsOneForSilentNetworkZeroForPerfectAndLinearInBetween() {
        int p = 5;
        int n = p * p;
        double[] y = new double[n * p];
        double[] yc = new double[n * p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                int mu = a * p + b;
                for (int q = 0; q < p; q++) {
                    y[mu * p + q] = q == (a + b) % p ? 1 : 0;
                    yc[mu * p + q] = y[mu * p + q] - 1.0 / p;
                }
            }
        }
        assertThat(Discrepancy.a(new double[n * p], y, n, p)).isCloseTo(1.0, within(1e-12));
        assertThat(Discrepancy.a(yc, y, n, p)).isCloseTo(0.0, within(1e-12));
        double[] partial = new double[n * p];
        for (int i = 0; i < partial.length; i++) {
            partial[i] = 0.3 * yc[i] + 0.7; // a constant offset is orthogonal to the centred target
        }
        assertThat(Discrepancy.a(partial, yc, n, p)).isCloseTo(0.7, within(1e-12));
        assertThat(WeightNorms.frobenius(new double[]{3, 4})).isEqualTo(5.0);
    }

    @Test
    void autocorrelationTimeOfAr1IsOnePlusRhoOverOneMinusRho() {
        // AR(1) with rho = 0.8: tau = 9. Seed 3, n = 200000: the windowed estimator's relative
        // standard error is about sqrt(2(2M+1)/n) ≈ 3 %, so 10 % tolerance.
        double rho = 0.8;
        SplittableRandom r = new SplittableRandom(3);
        int n = 200_000;
        double[] x = new double[n];
        double v = 0;
        for (int i = 0; i < n; i++) {
            v = rho * v + gauss(r);
            x[i] = v;
        }
        assertThat(Equilibration.autocorrelationTime(x)).isCloseTo((1 + rho) / (1 - rho), within(0.9));
        Equilibration.Report rep = Equilibration.halves(x);
        assertThat(rep.equilibrated()).isTrue();
        assertThat(Math.abs(rep.differenceInStandardErrors())).isLessThan(2.0);

        // White noise: tau = 1 within 10 %.
        double[] white = new double[50_000];
        for (int i = 0; i < white.length; i++) {
            white[i] = gauss(r);
        }
        assertThat(Equilibration.autocorrelationTime(white)).isCloseTo(1.0, within(0.1));

        // A drifting series (relaxation still going on) is flagged.
        double[] drift = new double[2000];
        for (int i = 0; i < drift.length; i++) {
            drift[i] = Math.exp(-i / 1500.0) + 0.05 * gauss(r);
        }
        assertThat(Equilibration.halves(drift).equilibrated()).isFalse();
    }
}
