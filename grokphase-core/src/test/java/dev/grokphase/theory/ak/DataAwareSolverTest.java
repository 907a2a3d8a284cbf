package dev.grokphase.theory.ak;

import dev.grokphase.net.Activation;
import dev.grokphase.theory.kernel.ErfNngpKernel;
import dev.grokphase.theory.kernel.GpRegression;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data-aware solver against answers known without sampling: the NNGP GP when there is no
 * adaptation (N = ∞), and the closed-form self-consistency of a linear network, whose
 * single-neuron distribution is Gaussian. Seeds and tolerances are stated per test; a tolerance
 * of k standard errors uses the solver's own jackknife error, so these tests also check that the
 * error bars cover the truth.
 */
class DataAwareSolverTest {

    static double[] gaussian(SplittableRandom rng, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            out[i] = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
        }
        return out;
    }

    /** y = H1(x_0) − 0.3 H3(x_0), the cubic teacher along the first axis. */
    static double[] cubicTarget(double[] x, int n, int d) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double h = x[i * d];
            y[i] = h - 0.3 * (h * h * h - 3 * h);
        }
        return y;
    }

    private static double[][] rows(double[] flat, int n, int d) {
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, out[i], 0, d);
        }
        return out;
    }

    /** N = ∞: p(w) is the prior and the mean predictor is GP regression with the erf NNGP (arcsine) kernel. */
    @Test
    void infiniteWidthIsTheNngpGp() {
        matchesTheNngpGp(Double.POSITIVE_INFINITY);
    }

    /**
     * N → ∞ through the sampled path: at N = 10⁷ the tilt (σ_a²/2N)(t̄ᵀφ)² is switched on (κ > 0,
     * tempering ladder, reweighting and Newton all active) but moves the answer by ~10⁻⁶, so the GP
     * must come out as at N = ∞.
     */
    @Test
    void largeWidthApproachesTheNngpGp() {
        matchesTheNngpGp(1e7);
    }

    /**
     * The jackknife bias correction removes the O(1/M) bias of t̄ = (Q̂ + σ²I)⁻¹y. At N = ∞ the exact
     * answer is the GP; with only M = 128 prior samples per solve the plain fixed point is biased
     * (Jensen: E[(Q̂ + σ²I)⁻¹] ≠ (Q + σ²I)⁻¹). Over 24 seeds (0…23) the mean plain error must be
     * more than 5 standard errors of that mean away from 0 (seen: 6.9), and the mean corrected error within 3 of them
     * and at most a third of the plain bias.
     */
    @Test
    void jackknifeCorrectionRemovesTheFiniteSampleBias() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 40;
        int d = 5;
        double sigmaW2 = 0.8;
        double sigmaA2 = 1.5;
        double s2 = 0.05;
        double[] x = gaussian(rng, n * d);
        double[] y = cubicTarget(x, n, d);
        AkProblem p = new AkProblem(x, y, n, d, 1, new double[0], 0, Activation.ERF, sigmaW2 / d, sigmaA2,
                Double.POSITIVE_INFINITY, s2, 0);
        ErfNngpKernel k = new ErfNngpKernel(sigmaW2, sigmaA2);
        double[] gpTrain = GpRegression.fit(k.gram(rows(x, n, d)), y, s2).predict(k.gram(rows(x, n, d)));
        double exact = dot(gpTrain, y);
        int seeds = 24;
        double[] plain = new double[seeds];
        double[] corrected = new double[seeds];
        for (int seed = 0; seed < seeds; seed++) {
            AkSettings st = AkSettings.defaults(seed).withSampler(new SamplerSettings(16, 2, 10, 8, 1, 8, seed));
            AkSolution sol = new DataAwareSolver(p, st).solve();
            plain[seed] = sol.uncorrectedEstimate((ftr, fte, w) -> dot(ftr, y)).value() - exact;
            corrected[seed] = sol.estimate((ftr, fte, w) -> dot(ftr, y)).value() - exact;
        }
        double[] mp = meanAndError(plain);
        double[] mc = meanAndError(corrected);
        System.err.printf("bias: plain %.5f ± %.5f, corrected %.5f ± %.5f (exact %.4f)%n", mp[0], mp[1], mc[0], mc[1], exact);
        assertThat(Math.abs(mp[0])).isGreaterThan(5 * mp[1]);
        assertThat(Math.abs(mc[0])).isLessThan(3 * mc[1]);
        assertThat(Math.abs(mc[0])).isLessThan(Math.abs(mp[0]) / 3);
    }

    private static double[] meanAndError(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x / v.length;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return new double[] {m, Math.sqrt(ss / (v.length - 1) / v.length)};
    }

    private void matchesTheNngpGp(double width) {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 40;
        int d = 5;
        int nt = 30;
        double sigmaW2 = 0.8;
        double sigmaA2 = 1.5;
        double s2 = 0.05;
        double[] x = gaussian(rng, n * d);
        double[] xt = gaussian(rng, nt * d);
        double[] y = cubicTarget(x, n, d);
        AkProblem p = new AkProblem(x, y, n, d, 1, xt, nt, Activation.ERF, sigmaW2 / d, sigmaA2,
                width, s2, 0);
        AkSettings st = AkSettings.defaults(3).withSampler(new SamplerSettings(16, 2, 10, 1000, 1, 8, 3));
        AkSolution sol = new DataAwareSolver(p, st).solve();
        assertThat(sol.converged()).isTrue();

        ErfNngpKernel k = new ErfNngpKernel(sigmaW2, sigmaA2);
        GpRegression gp = GpRegression.fit(k.gram(rows(x, n, d)), y, s2);
        double[] exact = gp.predict(k.matrix(rows(xt, nt, d), rows(x, n, d)));
        int covered = 0;
        for (int j = 0; j < nt; j++) {
            final int jj = j;
            AkSolution.Estimate e = sol.estimate((ftr, fte, w) -> fte[jj]);
            assertThat(e.error()).isLessThan(0.1);
            // 4 standard errors, and a floor for the self-normalised bias O(1/M)
            assertThat(Math.abs(e.value() - exact[j])).isLessThan(4 * e.error() + 1e-3);
            if (Math.abs(e.value() - exact[j]) < e.error()) {
                covered++;
            }
        }
        // one-standard-error intervals cover about 68%; fewer than a third would mean the errors are too small
        assertThat(covered).isGreaterThan(nt / 3);
    }

    /**
     * Linear network, φ(z) = z: p(w) ∝ exp(−|w|²/(2v) + (κ/2)(t̄ᵀXw)²) is the Gaussian N(0, Σ),
     * Σ⁻¹ = I/v − κ Xᵀt̄t̄ᵀX, so Q = σ_a² X Σ Xᵀ and t̄ = (Q + σ²I)⁻¹y close without sampling; solved
     * here by damped iteration with Hipparchus. The adapted answer must differ from the GP's
     * (N = ∞) by many error bars, so the test sees the adaptation, not just the prior.
     */
    @Test
    void linearNetworkMatchesTheClosedForm() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 30;
        int d = 4;
        double v = 0.25;
        double sigmaA2 = 1.0;
        double width = 40;
        double s2 = 0.5;
        double[] x = gaussian(rng, n * d);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = x[i * d] + 0.5 * x[i * d + 1] + 0.2 * gaussian(rng, 1)[0];
        }
        double[] exact = linearExact(x, y, n, d, v, sigmaA2, sigmaA2 / width, s2);
        double[] gp = linearExact(x, y, n, d, v, sigmaA2, 0, s2);
        AkProblem p = new AkProblem(x, y, n, d, 1, new double[0], 0, Activation.LINEAR, v, sigmaA2, width, s2, 0);
        AkSettings st = AkSettings.defaults(5).withSampler(new SamplerSettings(16, 6, 100, 2000, 2, 8, 5));
        AkSolution sol = new DataAwareSolver(p, st).solve();
        assertThat(sol.converged()).isTrue();
        AkSolution.Estimate fit = sol.estimate((ftr, fte, w) -> dot(ftr, y));
        double exactFit = dot(exact, y);
        double gpFit = dot(gp, y);
        System.err.printf("linear: fit %.5f ± %.5f, exact %.5f, gp %.5f%n", fit.value(), fit.error(), exactFit, gpFit);
        assertThat(Math.abs(fit.value() - exactFit)).isLessThan(4 * fit.error());
        assertThat(Math.abs(gpFit - exactFit)).isGreaterThan(6 * fit.error());
        for (int i = 0; i < n; i++) {
            final int ii = i;
            AkSolution.Estimate e = sol.estimate((ftr, fte, w) -> ftr[ii]);
            assertThat(Math.abs(e.value() - exact[i])).isLessThan(5 * e.error() + 1e-3);
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Mean predictor on the training inputs of the linear network's closed-form fixed point. */
    static double[] linearExact(double[] xf, double[] yf, int n, int d, double v, double sigmaA2, double kappa, double s2) {
        RealMatrix x = MatrixUtils.createRealMatrix(rows(xf, n, d));
        RealVector y = MatrixUtils.createRealVector(yf);
        RealVector t = y.mapMultiply(0);
        for (int it = 0; it < 5000; it++) {
            RealVector u = x.transpose().operate(t);
            RealMatrix prec = MatrixUtils.createRealIdentityMatrix(d).scalarMultiply(1 / v).subtract(u.outerProduct(u).scalarMultiply(kappa));
            RealMatrix sigma = new CholeskyDecomposition(prec, 1e-9, 1e-14).getSolver().getInverse();
            RealMatrix q = x.multiply(sigma).multiply(x.transpose()).scalarMultiply(sigmaA2);
            for (int i = 0; i < n; i++) {
                q.addToEntry(i, i, s2);
            }
            RealVector next = new CholeskyDecomposition(q, 1e-9, 1e-14).getSolver().solve(y);
            double change = next.subtract(t).getNorm() / next.getNorm();
            t = t.mapMultiply(0.5).add(next.mapMultiply(0.5));
            if (change < 1e-13) {
                break;
            }
        }
        return y.subtract(t.mapMultiply(s2)).toArray();
    }
}
