package dev.grokphase.theory.modular;

import dev.grokphase.theory.modular.gp.TwoHotTable;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Fourier-space identities behind the per-mode action (notes §5.6), checked against direct
 * sums over the table for random weights (seed 7): Parseval for the prior term and the data term
 * Σ_p(Σ_nm y^p_nm (w_n + v_m)²)² = 4P³ Σ_{t≠0}|w_t|²|v_t|², which is what lets the modes decouple.
 */
class FourierActionTest {

    @Test
    void priorAndDataTermsInFourierSpaceEqualTheDirectSums() {
        Random rng = new Random(7);
        for (int p : new int[] {5, 7, 13}) {
            double[] w = new double[p];
            double[] v = new double[p];
            for (int i = 0; i < p; i++) {
                w[i] = rng.nextGaussian();
                v[i] = rng.nextGaussian();
            }
            double[][] wk = dft(w);
            double[][] vk = dft(v);
            double direct = 0;
            double fourier = 0;
            for (int k = 0; k < p; k++) {
                direct += w[k] * w[k];
                fourier += p * (wk[0][k] * wk[0][k] + wk[1][k] * wk[1][k]);
            }
            assertThat(fourier).isCloseTo(direct, within(1e-10 * direct));

            TwoHotTable t = new TwoHotTable(p);
            double data = 0;
            for (int c = 0; c < p; c++) {
                double proj = 0;
                for (int i = 0; i < t.size(); i++) {
                    double z = w[t.n(i)] + v[t.m(i)];
                    proj += t.target(c, i) * z * z;
                }
                data += proj * proj;
            }
            double modes = 0;
            for (int k = 1; k < p; k++) {
                modes += (wk[0][k] * wk[0][k] + wk[1][k] * wk[1][k]) * (vk[0][k] * vk[0][k] + vk[1][k] * vk[1][k]);
            }
            assertThat(4.0 * p * p * p * modes).isCloseTo(data, within(1e-9 * data));
        }
    }

    /** w_k = (1/P) Σ_n w_n e^{2πikn/P}, the inverse of w_n = Σ_k w_k e^{−2πikn/P} (notes §5.6). */
    private static double[][] dft(double[] x) {
        int p = x.length;
        double[][] out = new double[2][p];
        for (int k = 0; k < p; k++) {
            for (int n = 0; n < p; n++) {
                double ang = 2 * Math.PI * k * n / p;
                out[0][k] += x[n] * Math.cos(ang) / p;
                out[1][k] += x[n] * Math.sin(ang) / p;
            }
        }
        return out;
    }
}
