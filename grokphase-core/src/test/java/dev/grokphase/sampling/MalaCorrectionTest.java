package dev.grokphase.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.grokphase.random.RandomStream;
import org.junit.jupiter.api.Test;

/** The expanded Hastings ratio against the two Gaussian proposal densities written out directly. */
class MalaCorrectionTest {

    /** log q(to | from) of the proposal N(from − ηβg(from), 2η), up to the common constant. */
    static double logQ(double[] from, double[] to, double[] gradFrom, double eta, double beta) {
        double s = 0;
        for (int i = 0; i < from.length; i++) {
            double r = to[i] - from[i] + eta * beta * gradFrom[i];
            s += r * r;
        }
        return -s / (4 * eta);
    }

    @Test
    void expandedRatioEqualsTheRatioOfProposalDensities() {
        RandomStream rng = RandomStream.fromSeed(11);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rng.nextInt(20);
            double[] x = new double[n];
            double[] y = new double[n];
            double[] gx = new double[n];
            double[] gy = new double[n];
            rng.fillGaussian(x, 0, n, 1.0);
            rng.fillGaussian(y, 0, n, 1.0);
            rng.fillGaussian(gx, 0, n, 3.0);
            rng.fillGaussian(gy, 0, n, 3.0);
            double eta = 0.01 + rng.nextDouble();
            double beta = 0.1 + rng.nextDouble();
            double direct = logQ(y, x, gy, eta, beta) - logQ(x, y, gx, eta, beta);
            double expanded = MalaCorrection.proposalLogRatio(x, y, gx, gy, 0, n, eta, beta);
            assertThat(expanded).isCloseTo(direct, within(1e-11 * (1 + Math.abs(direct))));
            float[] xf = toFloat(x);
            float[] yf = toFloat(y);
            float[] gxf = toFloat(gx);
            float[] gyf = toFloat(gy);
            double directF = logQ(toDouble(yf), toDouble(xf), toDouble(gyf), eta, beta)
                    - logQ(toDouble(xf), toDouble(yf), toDouble(gxf), eta, beta);
            assertThat(MalaCorrection.proposalLogRatio(xf, yf, gxf, gyf, 0, n, eta, beta))
                    .isCloseTo(directF, within(1e-10 * (1 + Math.abs(directF))));
        }
    }

    @Test
    void rangesAddUp() {
        RandomStream rng = RandomStream.fromSeed(12);
        double[] x = new double[10];
        double[] y = new double[10];
        double[] gx = new double[10];
        double[] gy = new double[10];
        rng.fillGaussian(x, 0, 10, 1.0);
        rng.fillGaussian(y, 0, 10, 1.0);
        rng.fillGaussian(gx, 0, 10, 1.0);
        rng.fillGaussian(gy, 0, 10, 1.0);
        double whole = MalaCorrection.proposalLogRatio(x, y, gx, gy, 0, 10, 0.3, 0.7);
        double parts = MalaCorrection.proposalLogRatio(x, y, gx, gy, 0, 4, 0.3, 0.7)
                + MalaCorrection.proposalLogRatio(x, y, gx, gy, 4, 6, 0.3, 0.7);
        assertThat(parts).isCloseTo(whole, within(1e-12));
    }

    @Test
    void nonFiniteProposalsAreRejected() {
        assertThat(MalaCorrection.accept(Double.NaN, 0.0)).isFalse();
        assertThat(MalaCorrection.probability(Double.NaN)).isZero();
        assertThat(MalaCorrection.accept(Double.NEGATIVE_INFINITY, 0.0)).isFalse();
        assertThat(MalaCorrection.accept(0.0, 0.999)).isTrue();
        assertThat(MalaCorrection.accept(Math.log(0.5), 0.49)).isTrue();
        assertThat(MalaCorrection.accept(Math.log(0.5), 0.51)).isFalse();
    }

    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
