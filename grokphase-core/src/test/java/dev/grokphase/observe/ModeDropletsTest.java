package dev.grokphase.observe;

import dev.grokphase.random.RandomStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ModeDropletsTest {

    @Test
    void aCosineNeuronIsOneDropletMode() {
        // Gromov's neuron (notes §5.9): w_n = 2√Φ cos(2πkn/P − θ1), v_m = 2√Φ cos(2πkm/P − θ2) has
        // |w_k|² = |v_k|² = Φ on mode k and nothing elsewhere
        int p = 13;
        int k = 3;
        double phi = 0.7;
        double[] w = new double[2 * p];
        for (int n = 0; n < p; n++) {
            w[n] = 2 * Math.sqrt(phi) * Math.cos(2 * Math.PI * k * n / p - 0.4);
            w[p + n] = 2 * Math.sqrt(phi) * Math.cos(2 * Math.PI * k * n / p + 1.1);
        }
        ModeDroplets d = ModeDroplets.of(w, p, 0.5);
        assertThat(d.modeProduct()).isCloseTo(phi * phi / 6, within(1e-12));
        assertThat(d.dropletFraction()).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(d.singleFrequencyShare()).isEqualTo(1.0);
        assertThat(ModeDroplets.of(w, p, 0.8).dropletFraction()).isZero();
        assertThat(ModeDroplets.of(w, p, Double.NaN).dropletFraction()).isNaN();
    }

    @Test
    void priorNeuronsHaveModeProductOneOverPSquared() {
        // w ~ N(0, I): |w_k|², |v_k|² independent exponentials with mean 1/P, so E[ΦΨ] = 1/P² and
        // sd(ΦΨ) = √3/P²; 2000 neurons × 6 modes → standard error 0.016/P²; tolerance 5 SE. Seed 7.
        int p = 13;
        int neurons = 2000;
        RandomStream rng = RandomStream.fromSeed(7);
        double[] w = new double[neurons * 2 * p];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextGaussian();
        }
        ModeDroplets d = ModeDroplets.of(w, p, 0.5);
        assertThat(d.modeProduct() * p * p).isCloseTo(1.0, within(0.08));
        // P(ΦΨ ≥ 1/4) for two exponentials of mean 1/13 is tiny (≈ 2·√(x)K₁-type tail, below 1e-2)
        assertThat(d.dropletFraction()).isLessThan(0.01);
        assertThat(d.singleFrequencyShare()).isLessThan(0.2);
    }
}
