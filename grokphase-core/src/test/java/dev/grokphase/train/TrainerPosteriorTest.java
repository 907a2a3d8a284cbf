package dev.grokphase.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grokphase.net.Activation;
import dev.grokphase.net.NetworkSpec;
import dev.grokphase.net.Prior;
import dev.grokphase.net.Readout;
import dev.grokphase.net.TwoLayerNetwork;
import dev.grokphase.random.RandomStream;
import dev.grokphase.random.SeedTree;
import dev.grokphase.task.CubicTeacherTask;
import dev.grokphase.task.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.special.Erf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tests that fail when the sampler is wrong (issue 4, "Must show" 1 and 2).
 *
 * <p>The unadjusted Langevin step with a constant step has a known O(η) bias, and for a Gaussian
 * target it is exact in closed form: with energy U = ½θᵀAθ − bᵀθ and step θ ← θ − η∇U + √(2η)ξ,
 * the stationary law is Gaussian with mean A⁻¹b (no bias) and covariance (A − ηA²/2)⁻¹ (solve
 * Σ = (I − ηA)Σ(I − ηA) + 2ηI). The tests compare with these exact discrete values, and check
 * separately that they are within the stated fraction of the continuous-time posterior, so a
 * wrong temperature, prior variance, noise amplitude or data scaling fails.
 *
 * <p>Statistical tolerances: 5 standard errors, each computed from the integrated
 * autocorrelation time of the slowest mode, τ = (2 − c)/c steps for step scale c (the AR(1)
 * coefficient of the stiffest-to-softest normalised mode is at most 1 − c).
 */
class TrainerPosteriorTest {

    static Dataset empty(int dim) {
        return new Dataset("cubic", new double[0], new double[0], 0, new double[0], new double[0], 0, dim, 1,
                null, 0, null, null, null, null);
    }

    /**
     * No data: every weight is an independent AR(1) process w ← (1 − c)w + √(2cv)ξ with stationary
     * variance v/(1 − c/2) → v = σ_w²/d (resp. σ_a²/N) as c → 0. Seed 2024; 2 networks, N = 200,
     * d = 10, c = 0.05, 3000 recorded steps after 200 burn-in: 4000 w-weights and 400 a-weights,
     * τ(w²) = (1 + ρ²)/(1 − ρ²) = 19.5 steps, so about 6·10⁵ (w) and 6·10⁴ (a) effective samples.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void withoutDataTheWeightsHaveThePriorVariances(Precision precision) {
        int width = 200;
        int d = 10;
        double sigmaW2 = 0.5;
        double sigmaA2 = 2.0;
        double c = 0.05;
        Prior prior = Prior.cubic(sigmaW2, d, sigmaA2, width);
        TrainingConfig cfg = TrainingConfig.langevin(NetworkSpec.standard(width, d, 1, Activation.ERF), prior,
                new LangevinConfig(0.2, c)).withPrecision(precision);
        Trainer t = Trainer.create(cfg, empty(d),
                List.of(SeedTree.root(2024).child("network", 0), SeedTree.root(2024).child("network", 1)));
        t.run(200);
        int steps = 3000;
        double sw = 0;
        double sa = 0;
        long nw = 0;
        long na = 0;
        for (int s = 0; s < steps; s++) {
            t.step();
            for (int m = 0; m < 2; m++) {
                for (double v : t.snapshotW(m)) {
                    sw += v * v;
                    nw++;
                }
                for (double v : t.snapshotA(m)) {
                    sa += v * v;
                    na++;
                }
            }
        }
        double varW = sw / nw;
        double varA = sa / na;
        double rho2 = (1 - c) * (1 - c);
        double tau = (1 + rho2) / (1 - rho2);
        double discreteW = prior.varW() / (1 - c / 2);
        double discreteA = prior.varA() / (1 - c / 2);
        double seW = discreteW * Math.sqrt(2 * tau * 2000.0 * 2 / ((double) nw * 2000 * 2 / steps) / nw);
        // simpler and equivalent: SE = v·sqrt(2τ/(steps·count)), count = weights per recorded step
        seW = discreteW * Math.sqrt(2 * tau / ((double) steps * (nw / steps)));
        double seA = discreteA * Math.sqrt(2 * tau / ((double) steps * (na / steps)));
        assertThat(Math.abs(varW - discreteW)).as("Var w = %s vs σ_w²/d/(1 − c/2) = %s", varW, discreteW)
                .isLessThan(5 * seW);
        assertThat(Math.abs(varA - discreteA)).as("Var a = %s vs σ_a²/N/(1 − c/2) = %s", varA, discreteA)
                .isLessThan(5 * seA);
        // and the prior itself is within the stated O(c) bias: |Var/prior − 1| ≤ c/2 + 5 SE
        assertThat(Math.abs(varW / (sigmaW2 / d) - 1)).isLessThan(c / 2 + 5 * seW / discreteW + 1e-3);
        assertThat(Math.abs(varA / (sigmaA2 / width) - 1)).isLessThan(c / 2 + 5 * seA / discreteA + 1e-3);
        // the 5-SE window is narrower than the discretisation bias, so a sampler that ignored the
        // bias formula (or had any O(1) error in noise or decay) would fail
        assertThat(5 * seW / discreteW).isLessThan(c / 2);
    }

    /** Exact discrete-time stationary moments of preconditioned ULA with scalar step η on a Gaussian. */
    record Gaussian(RealVector mean, RealMatrix cov, RealMatrix continuousCov) {
        static Gaussian of(RealMatrix precision, RealVector b, double eta) {
            RealMatrix inv = new LUDecomposition(precision).getSolver().getInverse();
            RealMatrix biased = precision.subtract(precision.multiply(precision).scalarMultiply(eta / 2));
            RealMatrix cov = new LUDecomposition(biased).getSolver().getInverse();
            return new Gaussian(inv.operate(b), cov, inv);
        }
    }

    /** Samples M networks for T steps and returns the sample mean and covariance of the chosen layer. */
    static double[][] sample(Trainer t, boolean readout, int burnIn, int steps) {
        t.run(burnIn);
        int dim = readout ? t.snapshotA(0).length : t.snapshotW(0).length;
        double[] sum = new double[dim];
        double[][] sum2 = new double[dim][dim];
        long count = 0;
        for (int s = 0; s < steps; s++) {
            t.step();
            for (int m = 0; m < t.members(); m++) {
                double[] v = readout ? t.snapshotA(m) : t.snapshotW(m);
                for (int i = 0; i < dim; i++) {
                    sum[i] += v[i];
                    for (int j = 0; j < dim; j++) {
                        sum2[i][j] += v[i] * v[j];
                    }
                }
                count++;
            }
        }
        double[][] out = new double[dim + 1][dim];
        for (int i = 0; i < dim; i++) {
            out[0][i] = sum[i] / count;
        }
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                out[1 + i][j] = sum2[i][j] / count - out[0][i] * out[0][j];
            }
        }
        return out;
    }

    static void assertMatches(double[][] sample, Gaussian g, double tau, long samples, String what) {
        int dim = g.mean().getDimension();
        for (int i = 0; i < dim; i++) {
            double se = Math.sqrt(g.cov().getEntry(i, i) * tau / samples);
            assertThat(Math.abs(sample[0][i] - g.mean().getEntry(i)))
                    .as("%s mean[%d]: sampled %s, exact %s (5 SE = %s)", what, i, sample[0][i], g.mean().getEntry(i), 5 * se)
                    .isLessThan(5 * se);
            for (int j = 0; j < dim; j++) {
                double cij = g.cov().getEntry(i, j);
                double seC = Math.sqrt((g.cov().getEntry(i, i) * g.cov().getEntry(j, j) + cij * cij) * tau / samples);
                assertThat(Math.abs(sample[1 + i][j] - cij))
                        .as("%s cov[%d][%d]: sampled %s, exact %s (5 SE = %s)", what, i, j, sample[1 + i][j], cij, 5 * seC)
                        .isLessThan(5 * seC);
            }
        }
    }

    /**
     * Input layer frozen (random erf features): f = s·H a with H = erf(X Wᵀ), so the posterior of a
     * is Gaussian with precision A = s²HᵀH/σ² + I/varA and mean A⁻¹ s Hᵀy/σ² (notes §2.2 with w
     * fixed). Seed 7; 8 networks sharing w, N = 5, d = 3, n = 15, σ² = 0.3, σ_a² = 0.1, c = 0.05,
     * 12000 steps.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void randomFeatureReadoutPosteriorIsTheClosedFormGaussian(Precision precision) {
        int width = 5;
        int d = 3;
        double temperature = 0.3;
        double c = 0.05;
        double s = 1.3;
        Dataset data = new CubicTeacherTask(d, 15, 0, -0.3).generate(SeedTree.root(7).child("data"));
        NetworkSpec spec = new NetworkSpec(width, d, 1, Activation.ERF, Readout.STANDARD, s);
        Prior prior = Prior.cubic(1.0, d, 0.1, width);
        TrainingConfig cfg = TrainingConfig.langevin(spec, prior, new LangevinConfig(temperature, c))
                .withPrecision(precision).withFrozen(FrozenLayer.INPUT);
        int members = 8;
        double[] w = new double[width * d];
        SeedTree.root(7).stream("w").fillGaussian(w, 0, w.length, 0.6);
        List<TwoLayerNetwork> init = new ArrayList<>();
        List<RandomStream> noise = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            double[] a = new double[width];
            SeedTree.root(7).child("network", m).stream("init").fillGaussian(a, 0, width, Math.sqrt(prior.varA()));
            init.add(new TwoLayerNetwork(spec, w.clone(), a));
            noise.add(SeedTree.root(7).child("network", m).stream("noise"));
        }
        Trainer t = Trainer.create(cfg, data, init, noise, SeedTree.root(7).stream("batch"));
        int steps = 12000;
        double[][] sample = sample(t, true, 1000, steps);
        assertThat(t.snapshotW(3)).as("frozen layer stays put").isEqualTo(precision == Precision.FLOAT64
                ? w : t.snapshotW(0));

        // closed form
        int n = data.nTrain();
        RealMatrix h = new Array2DRowRealMatrix(n, width);
        double[] wNow = t.snapshotW(0);
        for (int mu = 0; mu < n; mu++) {
            for (int i = 0; i < width; i++) {
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += wNow[i * d + j] * data.xTrain()[mu * d + j];
                }
                h.setEntry(mu, i, s * Erf.erf(z));
            }
        }
        RealVector y = new ArrayRealVector(data.yTrain());
        RealMatrix precisionMatrix = h.transpose().multiply(h).scalarMultiply(1 / temperature)
                .add(MatrixUtils.createRealIdentityMatrix(width).scalarMultiply(1 / prior.varA()));
        RealVector b = h.transpose().operate(y).mapDivide(temperature);
        double eta = c * prior.varA();
        Gaussian g = Gaussian.of(precisionMatrix, b, eta);
        double tau = (2 - c) / c;
        assertMatches(sample, g, tau, (long) steps * members, "readout");

        // power: doubling the temperature (the σ² vs 2σ² convention of notes §9.1) moves the mean
        // by far more than the tolerance
        RealMatrix p2 = h.transpose().multiply(h).scalarMultiply(1 / (2 * temperature))
                .add(MatrixUtils.createRealIdentityMatrix(width).scalarMultiply(1 / prior.varA()));
        RealVector wrongMean = new LUDecomposition(p2).getSolver().solve(b.mapDivide(2));
        double maxShift = 0;
        for (int i = 0; i < width; i++) {
            double se = Math.sqrt(g.cov().getEntry(i, i) * tau / ((long) steps * members));
            maxShift = Math.max(maxShift, Math.abs(wrongMean.getEntry(i) - g.mean().getEntry(i)) / se);
        }
        assertThat(maxShift).as("the test can tell σ² from 2σ²").isGreaterThan(20);
    }

    /**
     * Readout frozen, linear activation: f(x) = s Σ_i a_i (w_i·x) is linear in W, so the posterior of
     * vec(W) is Gaussian with precision ΦᵀΦ/σ² + I/varW, Φ_μ = s·(a ⊗ x_μ). Seed 8; 8 networks
     * sharing a, N = 3, d = 3, n = 12, σ² = 0.5, c = 0.05, 12000 steps.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void linearNetworkInputPosteriorIsTheClosedFormGaussian(Precision precision) {
        int width = 3;
        int d = 3;
        double temperature = 0.5;
        double c = 0.05;
        double s = 0.8;
        Dataset data = new CubicTeacherTask(d, 12, 0, -0.3).generate(SeedTree.root(8).child("data"));
        NetworkSpec spec = new NetworkSpec(width, d, 1, Activation.LINEAR, Readout.STANDARD, s);
        Prior prior = Prior.cubic(1.5, d, 3.0, width);
        TrainingConfig cfg = TrainingConfig.langevin(spec, prior, new LangevinConfig(temperature, c))
                .withPrecision(precision).withFrozen(FrozenLayer.READOUT);
        int members = 8;
        double[] a = {0.9, -0.6, 1.2};
        List<TwoLayerNetwork> init = new ArrayList<>();
        List<RandomStream> noise = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            double[] w = new double[width * d];
            SeedTree.root(8).child("network", m).stream("init").fillGaussian(w, 0, w.length, Math.sqrt(prior.varW()));
            init.add(new TwoLayerNetwork(spec, w, a.clone()));
            noise.add(SeedTree.root(8).child("network", m).stream("noise"));
        }
        Trainer t = Trainer.create(cfg, data, init, noise, SeedTree.root(8).stream("batch"));
        int steps = 12000;
        double[][] sample = sample(t, false, 1000, steps);

        int n = data.nTrain();
        int dim = width * d;
        RealMatrix phi = new Array2DRowRealMatrix(n, dim);
        for (int mu = 0; mu < n; mu++) {
            for (int i = 0; i < width; i++) {
                for (int j = 0; j < d; j++) {
                    phi.setEntry(mu, i * d + j, s * a[i] * data.xTrain()[mu * d + j]);
                }
            }
        }
        RealMatrix precisionMatrix = phi.transpose().multiply(phi).scalarMultiply(1 / temperature)
                .add(MatrixUtils.createRealIdentityMatrix(dim).scalarMultiply(1 / prior.varW()));
        RealVector b = phi.transpose().operate(new ArrayRealVector(data.yTrain())).mapDivide(temperature);
        Gaussian g = Gaussian.of(precisionMatrix, b, c * prior.varW());
        assertMatches(sample, g, (2 - c) / c, (long) steps * members, "input weights");
    }
}
