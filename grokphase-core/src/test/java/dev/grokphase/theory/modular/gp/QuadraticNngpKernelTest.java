package dev.grokphase.theory.modular.gp;

import dev.grokphase.theory.modular.Normalization;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QuadraticNngpKernelTest {

    private static final double SA2 = 2e-6;

    @Test
    void denseSpectrumHasExactlyTheThreeClosedFormEigenvalues() {
        for (int p : new int[] {5, 7, 11}) {
            QuadraticNngpKernel k = new QuadraticNngpKernel(new TwoHotTable(p), SA2);
            int[] all = all(p);
            double[] ev = new EigenDecompositionSymmetric(k.matrix(all, all)).getEigenvalues();
            Arrays.sort(ev);
            double tol = 1e-12 * k.eigenvalueConstant();
            int bulk = (p - 1) * (p - 1);
            int axis = 2 * (p - 1);
            for (int i = 0; i < bulk; i++) {
                assertThat(ev[i]).isCloseTo(k.eigenvalueBulk(), within(tol));
            }
            for (int i = bulk; i < bulk + axis; i++) {
                assertThat(ev[i]).isCloseTo(k.eigenvalueAxis(), within(tol));
            }
            assertThat(ev[ev.length - 1]).isCloseTo(k.eigenvalueConstant(), within(tol));
        }
    }

    @Test
    void targetIsAnEigenvectorWithTheBulkEigenvalueWhichTheExactNormalisationReproduces() {
        int p = 7;
        TwoHotTable t = new TwoHotTable(p);
        QuadraticNngpKernel k = new QuadraticNngpKernel(t, SA2);
        int[] all = all(p);
        RealMatrix q = k.matrix(all, all);
        for (int c = 0; c < p; c++) {
            double[] y = new double[t.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = t.target(c, i);
            }
            double[] qy = q.operate(y);
            for (int i = 0; i < y.length; i++) {
                assertThat(qy[i]).isCloseTo(k.eigenvalueBulk() * y[i], within(1e-18));
            }
        }
        // exact normalisation under the prior (⟨|w_k|²⟩ = ⟨|v_k|²⟩ = 1/P): 4P²σ_a²·(1/P)² = 4σ_a² (notes §5.7)
        double priorMoment = 1.0 / p / p;
        assertThat(Normalization.EXACT.factor(p) * SA2 * priorMoment).isCloseTo(k.eigenvalueBulk(), within(1e-20));
    }

    @Test
    void closedFormKernelMatchesMonteCarloOverQuadraticNeurons() {
        // Q(x, x') = σ_a² E[(w·x)²(w·x')²], w ~ N(0, I_2P); seed 11, 400k neurons, tolerance 3% of Q
        int p = 5;
        TwoHotTable t = new TwoHotTable(p);
        QuadraticNngpKernel k = new QuadraticNngpKernel(t, 1.0);
        int[][] pairs = {{0, 0}, {t.index(1, 2), t.index(1, 3)}, {t.index(1, 2), t.index(4, 2)}, {t.index(1, 2), t.index(3, 4)}};
        Random rng = new Random(11);
        int samples = 400_000;
        double[] sums = new double[pairs.length];
        double[] w = new double[2 * p];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.nextGaussian();
            }
            for (int j = 0; j < pairs.length; j++) {
                double z1 = w[t.n(pairs[j][0])] + w[p + t.m(pairs[j][0])];
                double z2 = w[t.n(pairs[j][1])] + w[p + t.m(pairs[j][1])];
                sums[j] += z1 * z1 * z2 * z2;
            }
        }
        for (int j = 0; j < pairs.length; j++) {
            double expected = k.value(pairs[j][0], pairs[j][1]);
            assertThat(sums[j] / samples).isCloseTo(expected, within(0.03 * expected));
        }
    }

    static int[] all(int p) {
        int[] a = new int[p * p];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        return a;
    }
}
