package dev.grokphase.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grokphase.net.Activation;
import dev.grokphase.random.RandomStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The float32 loops compute what the float64 loops compute, to float32 rounding: each kernel is run
 * on the same random inputs (seed 7) in both precisions and compared entry by entry with a
 * tolerance of 1e-5 relative to the magnitudes involved. A loop changed in one precision only
 * fails here.
 */
class KernelsTest {

    private static final int LEN = 37;

    @Test
    void float32LoopsAgreeWithFloat64Loops() {
        Kernels64 k64 = Kernels64.INSTANCE;
        Kernels32 k32 = Kernels32.INSTANCE;
        RandomStream rng = RandomStream.fromSeed(7);
        double[][] in = new double[6][LEN];
        for (double[] v : in) {
            rng.fillGaussian(v, 0, LEN, 1.0);
        }
        float[][] inF = new float[6][LEN];
        for (int i = 0; i < 6; i++) {
            k32.copyFromDoubles(in[i], 0, inF[i], 0, LEN);
        }
        // activation
        for (Activation act : Activation.values()) {
            double[] v = new double[LEN];
            double[] s = new double[LEN];
            float[] vf = new float[LEN];
            float[] sf = new float[LEN];
            k64.activation(act, in[0], v, s, 0, LEN);
            k32.activation(act, inF[0], vf, sf, 0, LEN);
            assertClose(v, vf);
            assertClose(s, sf);
        }
        // fused scalar readout, 2 networks of width LEN/2 (odd remainder exercised)
        int width = 18;
        double[] loss = new double[2];
        double[] lossF = new double[2];
        double[] gap = new double[LEN];
        float[] gapF = new float[LEN];
        double[] slope = in[2].clone();
        float[] slopeF = inF[2].clone();
        k64.scalarReadoutRow(in[0], in[1], slope, gap, 2, width, 0.7, 1.9, 0.3, loss);
        k32.scalarReadoutRow(inF[0], inF[1], slopeF, gapF, 2, width, 0.7, 1.9, 0.3, lossF);
        assertClose(gap, gapF);
        assertClose(slope, slopeF);
        assertThat(lossF[0]).isCloseTo(loss[0], Offset.offset(1e-5 * (1 + loss[0])));
        assertThat(lossF[1]).isCloseTo(loss[1], Offset.offset(1e-5 * (1 + loss[1])));
        // Langevin update and its norm
        double[] theta = in[3].clone();
        float[] thetaF = inF[3].clone();
        double n2 = k64.langevin(theta, in[4], in[5], 0, LEN, 0.95, 0.01, 0.14);
        double n2F = k32.langevin(thetaF, inF[4], inF[5], 0, LEN, 0.95, 0.01, 0.14);
        assertClose(theta, thetaF);
        assertThat(n2F).isCloseTo(n2, Offset.offset(1e-5 * n2));
        // MALA's Hastings bracket: the float64 loop is MalaCorrection's formula on the tempered
        // gradients βt·g + (βp/var)·θ, and the float32 loop agrees with it
        double[] gOld = new double[LEN];
        double[] gNew = new double[LEN];
        for (int j = 0; j < LEN; j++) {
            gOld[j] = 0.7 * in[4][j] + 0.9 / 0.5 * in[3][j];
            gNew[j] = 0.7 * in[5][j] + 0.9 / 0.5 * in[2][j];
        }
        double bracket = k64.malaLogRatio(in[3], in[2], in[4], in[5], 0, LEN, 0.7, 0.9 / 0.5, 0.03);
        assertThat(bracket).isCloseTo(dev.grokphase.sampling.MalaCorrection.proposalLogRatio(in[3], in[2], gOld, gNew,
                0, LEN, 0.03, 1.0), Offset.offset(1e-12 * (1 + Math.abs(bracket))));
        assertThat(k32.malaLogRatio(inF[3], inF[2], inF[4], inF[5], 0, LEN, 0.7, 0.9 / 0.5, 0.03))
                .isCloseTo(bracket, Offset.offset(1e-5 * (1 + Math.abs(bracket))));
        // SGD and AdamW
        theta = in[3].clone();
        thetaF = inF[3].clone();
        double[] buf = in[5].clone();
        float[] bufF = inF[5].clone();
        k64.sgd(theta, in[4], buf, 0, LEN, 0.1, 0.9, 0.01);
        k32.sgd(thetaF, inF[4], bufF, 0, LEN, 0.1, 0.9, 0.01);
        assertClose(theta, thetaF);
        assertClose(buf, bufF);
        theta = in[3].clone();
        thetaF = inF[3].clone();
        double[] m1 = in[5].clone();
        float[] m1F = inF[5].clone();
        double[] m2 = new double[LEN];
        float[] m2F = new float[LEN];
        for (int i = 0; i < LEN; i++) {
            m2[i] = in[2][i] * in[2][i];
            m2F[i] = (float) m2[i];
        }
        k64.adamw(theta, in[4], m1, m2, 0, LEN, 1e-2, 0.9, 0.99, 1e-3, 0.1, 0.19, 0.0199);
        k32.adamw(thetaF, inF[4], m1F, m2F, 0, LEN, 1e-2, 0.9, 0.99, 1e-3, 0.1, 0.19, 0.0199);
        assertClose(theta, thetaF);
        assertClose(m1, m1F);
        assertClose(m2, m2F);
        // gather, scatter, products, transposes
        double[] out = new double[10];
        float[] outF = new float[10];
        k64.sumOfTwo(in[0], 3, 20, out, 10);
        k32.sumOfTwo(inF[0], 3, 20, outF, 10);
        assertClose(out, outF);
        double[] t = new double[LEN - 1];
        float[] tF = new float[LEN - 1];
        k64.transpose(in[1], t, 4, 9);
        k32.transpose(inF[1], tF, 4, 9);
        assertClose(t, tF);
        assertThat(t[9 * 0 + 4]).isEqualTo(in[1][1]); // (r=0, c=1) of the 4×9 input lands at (1, 0)
        double[] x = in[0].clone();
        float[] xF = inF[0].clone();
        k64.multiply(x, in[1], 2, 30);
        k32.multiply(xF, inF[1], 2, 30);
        k64.add(x, 1, in[2], 0, 20);
        k32.add(xF, 1, inF[2], 0, 20);
        assertClose(x, xF);
        assertThat(k32.sumOfSquares(inF[0], 0, LEN)).isCloseTo(k64.sumOfSquares(in[0], 0, LEN),
                Offset.offset(1e-5 * k64.sumOfSquares(in[0], 0, LEN)));
    }

    private static void assertClose(double[] expected, float[] actual) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("entry %d", i).isCloseTo(expected[i], Offset.offset(1e-5 * (1 + scale)));
        }
    }
}
