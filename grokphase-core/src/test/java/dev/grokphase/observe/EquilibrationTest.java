package dev.grokphase.observe;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The equilibration verdict: measurable τ only, undetermined when nothing can be shown, two-start agreement. */
class EquilibrationTest {

    static double[] ar1(double rho, double mean, int n, SplittableRandom r) {
        double[] x = new double[n];
        double v = 0;
        for (int i = 0; i < n + 100; i++) {
            v = rho * v + ObservablesTest.gauss(r);
            if (i >= 100) {
                x[i - 100] = mean + v;
            }
        }
        return x;
    }

    @Test
    void anAntiCorrelatedShortRecordHasNoMeasurableTauAndNoHugeSampleCount() {
        // x_i = (-1)^i + small noise: rho(1) ≈ -1, so tau(1) = 1 + 2 rho(1) < 0 where the window closes.
        // The old estimator clamped this to 1e-12 and reported n/1e-12 ≈ 1e13 effective samples.
        SplittableRandom r = new SplittableRandom(11);
        double[] x = new double[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 2 == 0 ? 1 : -1) + 0.01 * ObservablesTest.gauss(r);
        }
        assertThat(Equilibration.autocorrelationTime(x)).isNaN();
        Equilibration.Report rep = Equilibration.halves(x);
        assertThat(rep.effectiveSamples()).isNaN();
        assertThat(rep.equilibrated()).isFalse();
        assertThat(rep.reason()).contains("not measurable");
    }

    @Test
    void aSeriesShorterThanItsCorrelationTimeHasNoMeasurableTau() {
        // AR(1) with rho = 0.999: tau ≈ 2000, far beyond a record of 200, so Sokal's window never closes.
        double[] x = ar1(0.999, 0, 200, new SplittableRandom(5));
        assertThat(Equilibration.autocorrelationTime(x)).isNaN();
        assertThat(Equilibration.halves(x).equilibrated()).isFalse();
    }

    @Test
    void tooFewSamplesOrNoValueIsUndeterminedNotFalse() {
        double[] few = ar1(0.0, 0, Equilibration.MIN_SAMPLES - 1, new SplittableRandom(1));
        Equilibration.Report rep = Equilibration.halves(few);
        assertThat(rep.equilibrated()).isNull();
        assertThat(rep.reason()).contains("--log-every");
        double[] none = new double[50];
        java.util.Arrays.fill(none, Double.NaN);
        Equilibration.Report nv = Equilibration.halves(none);
        assertThat(nv.equilibrated()).isNull();
        assertThat(nv.reason()).isEqualTo(Equilibration.NO_VALUE);
    }

    @Test
    void standardErrorFromTauCoversTheTrueMeanAtTheNominalRate() {
        // 400 AR(1) series (rho = 0.8, tau = 9, n = 2000), seed 17: |mean|/s.e. <= 2 should hold for
        // about 95.4 % of them (binomial s.d. 1.0 %); a s.e. without tau would cover only about 50 %.
        SplittableRandom r = new SplittableRandom(17);
        int covered = 0;
        int trials = 400;
        double tauSum = 0;
        for (int t = 0; t < trials; t++) {
            Equilibration.Estimate e = Equilibration.estimate(ar1(0.8, 0, 2000, r));
            tauSum += e.autocorrelationTime();
            if (Math.abs(e.mean()) <= 2 * e.standardError()) {
                covered++;
            }
        }
        assertThat(covered / (double) trials).isBetween(0.91, 0.99);
        // The windowed estimator's mean over the trials: 9 within 10 % (bias of the window and of
        // the subtracted mean are a few per cent; the mean's own s.e. is about 1.5 %).
        assertThat(tauSum / trials).isCloseTo(9.0, within(0.9));
    }

    @Test
    void twoStartsAgreeWhenTheyShareTheMeanAndDisagreeWhenTheyDoNot() {
        // AR(1), rho = 0.5, n = 4000: s.e. of each mean ≈ sqrt(1.33·3/4000) ≈ 0.032, so a shift of
        // 0.3 is ≈ 6.7 combined s.e. (seed 23).
        SplittableRandom r = new SplittableRandom(23);
        double[] a = ar1(0.5, 1.0, 4000, r);
        double[] b = ar1(0.5, 1.0, 4000, r);
        double[] c = ar1(0.5, 1.3, 4000, r);
        Equilibration.Report same = Equilibration.check(a, b);
        assertThat(same.equilibrated()).as(same.reason()).isTrue();
        assertThat(Math.abs(same.startsDifferenceInStandardErrors())).isLessThan(Equilibration.Z_MAX);
        Equilibration.Report apart = Equilibration.check(a, c);
        assertThat(apart.equilibrated()).isFalse();
        assertThat(apart.startsDifferenceInStandardErrors()).isCloseTo(-0.3 / Math.hypot(same.estimate().standardError(),
                apart.otherStart().standardError()), within(2.5));
        assertThat(apart.reason()).contains("two starts");
        // Each chain on its own looks equilibrated: only the second start reveals the problem.
        assertThat(Equilibration.halves(a).equilibrated()).isTrue();
        assertThat(Equilibration.halves(c).equilibrated()).isTrue();
    }
}
