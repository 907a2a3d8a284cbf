package dev.grokphase.theory.modular.gp;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The shift and multiplication symmetries of notes §5.3: the NNGP kernel is invariant, and a GP
 * trained on a transformed subset predicts the transformed outputs (channel p → p + q + q' for a
 * shift, p → qp for a multiplication).
 */
class SymmetryPropertiesTest {

    record Case(int p, int q, int qPrime, int i, int j, long seed) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(5, 7, 11, 13).flatMap(p -> Combinators.combine(
                Arbitraries.integers().between(1, p - 1), Arbitraries.integers().between(0, p - 1),
                Arbitraries.integers().between(0, p * p - 1), Arbitraries.integers().between(0, p * p - 1),
                Arbitraries.longs()).as((q, q2, i, j, s) -> new Case(p, q, q2, i, j, s)));
    }

    @Property(tries = 200, seed = "20261202")
    void kernelIsInvariantUnderShiftsAndMultiplications(@ForAll("cases") Case c) {
        TwoHotTable t = new TwoHotTable(c.p());
        QuadraticNngpKernel k = new QuadraticNngpKernel(t, 1.0);
        double q = k.value(c.i(), c.j());
        assertThat(k.value(t.shift(c.i(), c.q(), c.qPrime()), t.shift(c.j(), c.q(), c.qPrime()))).isEqualTo(q);
        assertThat(k.value(t.multiply(c.i(), c.q()), t.multiply(c.j(), c.q()))).isEqualTo(q);
        // and the targets transform with the label
        assertThat(t.label(t.shift(c.i(), c.q(), c.qPrime()))).isEqualTo((t.label(c.i()) + c.q() + c.qPrime()) % c.p());
        assertThat(t.label(t.multiply(c.i(), c.q()))).isEqualTo(c.q() * t.label(c.i()) % c.p());
    }

    @Property(tries = 25, seed = "20261202")
    void gpPredictionsAreEquivariant(@ForAll("cases") Case c) {
        TwoHotTable t = new TwoHotTable(c.p());
        QuadraticNngpKernel k = new QuadraticNngpKernel(t, 0.05);
        int[] train = randomSubset(t, new Random(c.seed()));
        int[] shifted = Arrays.stream(train).map(i -> t.shift(i, c.q(), c.qPrime())).toArray();
        int[] scaled = Arrays.stream(train).map(i -> t.multiply(i, c.q())).toArray();
        double[] f = new SubsetGp(k, 0.1, train).predict(c.i());
        double[] fShift = new SubsetGp(k, 0.1, shifted).predict(t.shift(c.i(), c.q(), c.qPrime()));
        double[] fScale = new SubsetGp(k, 0.1, scaled).predict(t.multiply(c.i(), c.q()));
        for (int ch = 0; ch < c.p(); ch++) {
            assertThat(fShift[(ch + c.q() + c.qPrime()) % c.p()]).isCloseTo(f[ch], within(1e-10));
            assertThat(fScale[c.q() * ch % c.p()]).isCloseTo(f[ch], within(1e-10));
        }
    }

    private static int[] randomSubset(TwoHotTable t, Random rng) {
        int[] s = new Random(rng.nextLong()).ints(0, t.size()).distinct().limit(Math.max(3, t.size() / 3)).toArray();
        Arrays.sort(s);
        return s;
    }
}
