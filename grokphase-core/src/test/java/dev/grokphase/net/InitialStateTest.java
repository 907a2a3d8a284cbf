package dev.grokphase.net;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.random.RandomStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class InitialStateTest {

    static final NetworkSpec SPEC = new NetworkSpec(400, 10, 1, Activation.ERF, Readout.STANDARD, 1.0);

    static double[] unit(int d, long seed) {
        RandomStream r = RandomStream.fromSeed(seed);
        double[] v = new double[d];
        r.fillGaussian(v, 0, d, 1.0);
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        for (int i = 0; i < d; i++) {
            v[i] /= Math.sqrt(n);
        }
        return v;
    }

    @Test
    void dropletStartMakesEveryNeuronOneCosinePairWithTheRequestedPower() {
        // stdW = 0 isolates the cosines: each neuron has |w_k|² = |v_k|² = Φ on exactly one k ≥ 1
        NetworkSpec modular = new NetworkSpec(300, 26, 13, Activation.SQUARE, Readout.STANDARD, 1.0);
        InitialState s = InitialState.parse("--init", "droplet:0.7");
        assertThat(s.id()).isEqualTo("droplet:0.7");
        TwoLayerNetwork net = s.draw(modular, 0.0, 0.1, RandomStream.fromSeed(4), null);
        dev.grokphase.observe.ModeDroplets d = dev.grokphase.observe.ModeDroplets.of(net.w(), 13, 0.7 * 0.999);
        assertThat(d.dropletFraction()).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(d.modeProduct()).isCloseTo(0.49 / 6, within(1e-9));
        assertThat(d.singleFrequencyShare()).isEqualTo(1.0);
        // every frequency 1..6 is used (300 neurons, uniform choice)
        dev.grokphase.observe.FourierSpectrum fs = new dev.grokphase.observe.FourierSpectrum(13);
        java.util.Set<Integer> ks = new java.util.HashSet<>();
        for (int i = 0; i < 300; i++) {
            ks.add(fs.neuron(net.w(), i).dominantFrequency());
        }
        assertThat(ks).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        assertThatThrownBy(() -> s.draw(new NetworkSpec(4, 11, 1, Activation.ERF, Readout.STANDARD, 1.0), 1.0, 0.1, RandomStream.fromSeed(1), null))
                .isInstanceOf(GrokphaseException.class);
        assertThatThrownBy(() -> InitialState.parse("--init", "droplet:-1")).isInstanceOf(GrokphaseException.class);
    }

    @Test
    void priorIsTodaysGaussianDrawBitForBit() {
        TwoLayerNetwork a = InitialState.parse("--init", "prior").draw(SPEC, 0.3, 0.2, RandomStream.fromSeed(9), unit(10, 1));
        TwoLayerNetwork b = TwoLayerNetwork.gaussian(SPEC, 0.3, 0.2, RandomStream.fromSeed(9));
        assertArrayEquals(b.w(), a.w());
        assertArrayEquals(b.a(), a.a());
    }

    @Test
    void alignedStartPutsEveryNeuronAtPlusOrMinusQWithThePriorOrthogonalToTheTeacher() {
        double[] t = unit(10, 2);
        double std = 0.3;
        InitialState s = InitialState.parse("--init", "aligned:1.3");
        assertThat(s.id()).isEqualTo("aligned:1.3");
        TwoLayerNetwork net = s.draw(SPEC, std, 0.2, RandomStream.fromSeed(4), t);
        double[] q = dev.grokphase.observe.Overlaps.of(net.w(), 400, t);
        int positive = 0;
        double orth2 = 0;
        for (int i = 0; i < 400; i++) {
            assertThat(Math.abs(q[i])).isCloseTo(1.3, within(1e-12));
            positive += q[i] > 0 ? 1 : 0;
            for (int k = 0; k < 10; k++) {
                double o = net.w()[i * 10 + k] - q[i] * t[k];
                orth2 += o * o;
            }
        }
        // Signs: Binomial(400, 1/2), s.d. 10. Orthogonal part: 9 free directions of variance std² each,
        // so the mean squared norm is 9·0.09 = 0.81 with relative s.d. sqrt(2/3600) ≈ 2.4 % (seed 4).
        assertThat(positive).isBetween(170, 230);
        assertThat(orth2 / 400).isCloseTo(9 * std * std, within(0.1 * 9 * std * std));
        // The readout comes from the prior.
        double a2 = 0;
        for (double v : net.a()) {
            a2 += v * v;
        }
        assertThat(a2 / 400).isCloseTo(0.04, within(0.008));
    }

    @Test
    void badSpellingsAndAMissingTeacherAreOneLineErrors() {
        assertThatThrownBy(() -> InitialState.parse("--init", "aligned:-1")).isInstanceOf(GrokphaseException.class)
                .hasMessageContaining("--init").hasMessageContaining("aligned:Q");
        assertThatThrownBy(() -> InitialState.parse("--init", "zeros")).isInstanceOf(GrokphaseException.class);
        assertThatThrownBy(() -> new InitialState.Aligned(1).draw(SPEC, 0.3, 0.2, RandomStream.fromSeed(1), null))
                .isInstanceOf(GrokphaseException.class).hasMessageContaining("teacher");
    }
}
