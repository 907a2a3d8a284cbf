package dev.grokphase.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.net.Activation;
import dev.grokphase.net.NetworkSpec;
import dev.grokphase.net.Prior;
import dev.grokphase.random.RandomStream;
import dev.grokphase.random.SeedTree;
import dev.grokphase.task.CubicTeacherTask;
import dev.grokphase.task.Dataset;
import dev.grokphase.task.ModularAdditionTask;
import dev.grokphase.task.Targets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The droplet jump ({@link DropletJump}): its collapsed marginal against numerical integration over
 * a, the stationary law of MALA + jumps against exact quadrature on problems whose weight posterior
 * has separated wells (and that MALA alone does not equilibrate them in the same budget), resume,
 * and the refusals.
 */
class DropletJumpTest {

    private static final double ERF_TARGET_SLOPE = 3.0;

    // ---- (1) the marginal ----

    /**
     * log ∫ exp(−β' a²/(2 v_a) − (λ/2)|r − aψ|²) da = logMarginal(w = 0) + ½ log 2π − (λ/2)|r|²
     * (the w prior is zero at w = 0), by Simpson's rule over ±14 standard deviations of a.
     */
    @Test
    void marginalEqualsNumericalIntegralOverA() {
        RandomStream rng = RandomStream.fromSeed(5);
        double[][] settings = {{50.0, 1.0, 0.3}, {3.0, 1.0, 2.0}, {20.0, 0.4, 0.05}, {0.5, 2.5, 1.0}};
        for (double[] st : settings) {
            double lambda = st[0];
            double betaPrior = st[1];
            double varA = st[2];
            int n = 7;
            double[] psi = new double[n];
            double[] r = new double[n];
            double psiR = 0;
            double psi2 = 0;
            double r2 = 0;
            for (int mu = 0; mu < n; mu++) {
                psi[mu] = rng.nextGaussian() * 0.6;
                r[mu] = rng.nextGaussian() + 0.3;
                psiR += psi[mu] * r[mu];
                psi2 += psi[mu] * psi[mu];
                r2 += r[mu] * r[mu];
            }
            double formula = DropletJump.logMarginal(0.0, psiR, psi2, lambda, betaPrior, 1.0, varA)
                    + 0.5 * Math.log(2 * Math.PI) - 0.5 * lambda * r2;
            // the integrand's own centre and width, found without the formula: a Gaussian in a
            double prec = betaPrior / varA + lambda * psi2;
            double centre = lambda * psiR / prec;
            double half = 14 / Math.sqrt(prec);
            int steps = 20_000;
            double h = 2 * half / steps;
            double sum = 0;
            double ref = logIntegrand(centre, psi, r, lambda, betaPrior, varA);
            for (int s = 0; s <= steps; s++) {
                double av = centre - half + s * h;
                double wgt = s == 0 || s == steps ? 1 : (s % 2 == 1 ? 4 : 2);
                sum += wgt * Math.exp(logIntegrand(av, psi, r, lambda, betaPrior, varA) - ref);
            }
            double numeric = ref + Math.log(sum * h / 3);
            assertThat(formula).as("λ=%s β'=%s v_a=%s", lambda, betaPrior, varA).isCloseTo(numeric,
                    org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(numeric))));
        }
        // the w prior enters as −β'|w|²/(2 v_w)
        assertThat(DropletJump.logMarginal(2.0, 0.3, 1.1, 4.0, 0.5, 0.25, 1.0)
                - DropletJump.logMarginal(0.0, 0.3, 1.1, 4.0, 0.5, 0.25, 1.0)).isCloseTo(-0.5 * 2.0 / (2 * 0.25),
                org.assertj.core.data.Offset.offset(1e-14));
    }

    private static double logIntegrand(double a, double[] psi, double[] r, double lambda, double betaPrior, double varA) {
        double s = 0;
        for (int mu = 0; mu < psi.length; mu++) {
            double e = r[mu] - a * psi[mu];
            s += e * e;
        }
        return -betaPrior * a * a / (2 * varA) - 0.5 * lambda * s;
    }

    // ---- (2) stationarity against exact quadrature ----

    /**
     * Data for a one-neuron erf network in d = 2 whose posterior of q = w·u has a central well and
     * two side wells at |q| ≈ 1.4 separated by a barrier of ≈ 11 in −log p: sixteen inputs, x₁ at
     * eight evenly spaced values in [−1.6, 1.6], each twice with x₂ = ±c (so the data, and the side
     * wells, are symmetric in the orthogonal coordinate and sit on the u axis); targets erf(3x₁)
     * with their projection on both input columns removed (so a near-linear neuron at q ≈ 0 gains
     * nothing from the data and a saturated one at |q| ≈ 1.4 does). With v_w = 0.01, v_a = 0.002
     * and σ² = 0.00242 the side wells hold about half the mass (v_a small keeps the readout's
     * posterior in the side well no more than ~10× narrower than its prior, so that MALA's
     * per-layer step fits both wells). u = e₁.
     */
    static Dataset oneNeuronData() {
        int pairs = 8;
        double[] x = new double[2 * pairs * 2];
        for (int mu = 0; mu < pairs; mu++) {
            double x1 = -1.6 + 3.2 * mu / (pairs - 1);
            double c = 0.5 * (1 + 0.5 * Math.sin(2.3 * mu + 1.4));
            x[4 * mu] = x1;
            x[4 * mu + 1] = c;
            x[4 * mu + 2] = x1;
            x[4 * mu + 3] = -c;
        }
        return withProjectedTargets(x, 2 * pairs, 2);
    }

    /** Eight one-dimensional inputs evenly spaced in [−1.6, 1.6], targets as above (u = 1). */
    static Dataset twoNeuronData() {
        int n = 8;
        double[] x = new double[n];
        for (int mu = 0; mu < n; mu++) {
            x[mu] = -1.6 + 3.2 * mu / (n - 1);
        }
        return withProjectedTargets(x, n, 1);
    }

    /** y = erf(3x₁) minus its projection on every input column (Gram–Schmidt), scaled to max |y| = 1; u = e₁. */
    private static Dataset withProjectedTargets(double[] x, int n, int d) {
        double[] y = new double[n];
        for (int mu = 0; mu < n; mu++) {
            y[mu] = Activation.ERF.value(ERF_TARGET_SLOPE * x[mu * d]);
        }
        double[][] basis = new double[d][];
        for (int j = 0; j < d; j++) {
            double[] c = new double[n];
            for (int mu = 0; mu < n; mu++) {
                c[mu] = x[mu * d + j];
            }
            for (int i = 0; i < j; i++) {
                subtractProjection(c, basis[i]);
            }
            double norm = Math.sqrt(dot(c, c));
            for (int mu = 0; mu < n; mu++) {
                c[mu] /= norm;
            }
            basis[j] = c;
            subtractProjection(y, c);
        }
        double max = 0;
        for (double v : y) {
            max = Math.max(max, Math.abs(v));
        }
        for (int mu = 0; mu < n; mu++) {
            y[mu] /= max;
        }
        double[] u = new double[d];
        u[0] = 1;
        return new Dataset("cubic", x, y, n, new double[0], new double[0], 0, d, 1, u, 0, null, null, null, null);
    }

    private static void subtractProjection(double[] v, double[] unit) {
        double p = dot(v, unit);
        for (int i = 0; i < v.length; i++) {
            v[i] -= p * unit[i];
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static final double VAR_W = 0.01;
    static final double VAR_A = 0.002;
    static final double SIGMA2 = 0.00242;
    static final double SIDE = 0.6;

    /**
     * Exact {P(|q| > SIDE), E[q²]} of the one-neuron network in d = 2: a integrated analytically,
     * then w on a 1201 × 481 grid (q ∈ [−3, 3], the orthogonal coordinate v ∈ [−1.3, 1.3], 13 prior
     * standard deviations; its posterior spread is below 0.1 in both wells).
     */
    static double[] exactOneNeuron(Dataset data) {
        double[] x = data.xTrain();
        double[] y = data.yTrain();
        int n = data.nTrain();
        int nq = 1201;
        int nv = 481;
        double vmax = 13 * Math.sqrt(VAR_W);
        double[] logp = new double[nq * nv];
        double max = Double.NEGATIVE_INFINITY;
        for (int iq = 0; iq < nq; iq++) {
            double q = -3 + 6.0 * iq / (nq - 1);
            for (int iv = 0; iv < nv; iv++) {
                double v = -vmax + 2 * vmax * iv / (nv - 1);
                double pr = 0;
                double pp = 0;
                for (int mu = 0; mu < n; mu++) {
                    double p = Activation.ERF.value(q * x[2 * mu] + v * x[2 * mu + 1]);
                    pr += p * y[mu];
                    pp += p * p;
                }
                double lp = logMarginalDirect(q * q + v * v, pr, pp);
                logp[iq * nv + iv] = lp;
                max = Math.max(max, lp);
            }
        }
        double z = 0;
        double side = 0;
        double q2 = 0;
        for (int iq = 0; iq < nq; iq++) {
            double q = -3 + 6.0 * iq / (nq - 1);
            for (int iv = 0; iv < nv; iv++) {
                double p = Math.exp(logp[iq * nv + iv] - max);
                z += p;
                q2 += p * q * q;
                if (Math.abs(q) > SIDE) {
                    side += p;
                }
            }
        }
        return new double[] {side / z, q2 / z};
    }

    /** The collapsed marginal written out independently of the class: A = 1/v_a + |φ|²/σ². */
    private static double logMarginalDirect(double w2, double phiY, double phi2) {
        double aPrec = 1.0 / VAR_A + phi2 / SIGMA2;
        double b = phiY / SIGMA2;
        return -w2 / (2 * VAR_W) + b * b / (2 * aPrec) - 0.5 * Math.log(aPrec);
    }

    private static TrainingConfig oneNeuronConfig(int d, DropletJumpConfig jumps) {
        NetworkSpec spec = NetworkSpec.standard(1, d, 1, Activation.ERF);
        return new TrainingConfig(spec, new Prior(VAR_W, VAR_A), new MalaConfig(SIGMA2, 0.3, 0, 0.574, 2000), Loss.MSE,
                Precision.FLOAT64, 0, Double.NaN, Double.NaN, 1, FrozenLayer.NONE, jumps);
    }

    /** Batch-means estimate of the mean of x with its standard error (40 batches). */
    static double[] batchMeans(double[] x) {
        int batches = 40;
        int len = x.length / batches;
        double total = 0;
        double[] means = new double[batches];
        for (int b = 0; b < batches; b++) {
            double s = 0;
            for (int t = b * len; t < (b + 1) * len; t++) {
                s += x[t];
            }
            means[b] = s / len;
            total += means[b];
        }
        double mean = total / batches;
        double var = 0;
        for (double m : means) {
            var += (m - mean) * (m - mean);
        }
        var /= batches - 1;
        return new double[] {mean, Math.sqrt(var / batches)};
    }

    /** q = w·u (u = e₁) of member 0 after each of {@code steps} steps, after {@code burn} steps. */
    private static double[] qChain(Trainer t, int burn, int steps) {
        t.run(burn);
        double[] q = new double[steps];
        for (int s = 0; s < steps; s++) {
            t.step();
            q[s] = t.snapshotW(0)[0];
        }
        return q;
    }

    /**
     * MALA + a jump every step reproduces the exact P(|q| > 0.6) and E[q²] within 4 batch-means
     * standard errors (seed 11, 60,000 recorded steps); MALA alone, from the same prior start and
     * with the same budget, stays in the central well and misses the side-well mass by far.
     */
    @Test
    void malaWithJumpsSamplesTheExactBimodalMarginal() {
        Dataset data = oneNeuronData();
        double[] exact = exactOneNeuron(data);
        assertThat(exact[0]).as("the side wells hold a sizeable share").isBetween(0.2, 0.8);

        List<SeedTree> seeds = List.of(SeedTree.root(11).child("network", 0));
        Trainer jumping = Trainer.create(oneNeuronConfig(2, new DropletJumpConfig(1, 1.4, 0.25)), data, seeds);
        double[] q = qChain(jumping, 4000, 60_000);
        double[] side = batchMeans(indicator(q));
        double[] q2 = batchMeans(squares(q));
        assertThat(side[1]).as("standard error small enough to mean something").isLessThan(0.03);
        assertThat(Math.abs(side[0] - exact[0])).as("P(|q| > 0.6): %s ± %s vs exact %s", side[0], side[1], exact[0])
                .isLessThan(4 * side[1]);
        assertThat(Math.abs(q2[0] - exact[1])).as("E[q²]: %s ± %s vs exact %s", q2[0], q2[1], exact[1])
                .isLessThan(4 * q2[1]);
        assertThat(jumping.jumps().acceptance(0)).isBetween(0.01, 0.99);

        Trainer plain = Trainer.create(oneNeuronConfig(2, DropletJumpConfig.NONE), data, seeds);
        double[] qPlain = qChain(plain, 4000, 60_000);
        double plainSide = batchMeans(indicator(qPlain))[0];
        assertThat(plain.jumps()).isNull();
        assertThat(Math.abs(plainSide - exact[0])).as("MALA alone: side-well mass %s vs exact %s", plainSide, exact[0])
                .isGreaterThan(0.15);
    }

    private static double[] indicator(double[] q) {
        double[] out = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            out[i] = Math.abs(q[i]) > SIDE ? 1 : 0;
        }
        return out;
    }

    private static double[] squares(double[] q) {
        double[] out = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            out[i] = q[i] * q[i];
        }
        return out;
    }

    /**
     * Two neurons in d = 1 (w₁, w₂ scalars along u = 1): the residual each jump sees includes the
     * other neuron, and a sweep updates it after every neuron. Exact marginal of (w₁, w₂) with
     * a ∈ R² integrated analytically (a 2×2 Gaussian) on a 801 × 801 grid over [−2.6, 2.6]²
     * (8 prior standard deviations); a unimodal posterior (v_w = 0.1, v_a = 0.5, σ² = 0.15) so that
     * the check is about exactness, not barrier crossing: MALA + jumps (Δ = 0.5, spread 0.6)
     * matches E[w₁²], E[w₂²] and P(|w₁| > 0.6) within 4 batch-means standard errors (seed 13,
     * 60,000 steps). Dropping the other neuron from the residual moves the sampled E[w²] by many
     * standard errors (checked by hand when the test was written).
     */
    @Test
    void jumpsSeeTheOtherNeuronsTwoNeuronExactMarginal() {
        Dataset data = twoNeuronData();
        double varW = 0.1;
        double varA = 0.5;
        double sigma2 = 0.15;
        double[] exact = exactTwoNeuron(data, varW, varA, sigma2);

        NetworkSpec spec = NetworkSpec.standard(2, 1, 1, Activation.ERF);
        TrainingConfig cfg = new TrainingConfig(spec, new Prior(varW, varA), new MalaConfig(sigma2, 0.3, 0, 0.574, 2000),
                Loss.MSE, Precision.FLOAT64, 0, Double.NaN, Double.NaN, 1, FrozenLayer.NONE, new DropletJumpConfig(1, 0.5, 0.6));
        Trainer t = Trainer.create(cfg, data, List.of(SeedTree.root(13).child("network", 0)));
        double[] ms = assertMatchesExactTwoNeuron(t, exact);
        assertThat(ms[1]).isLessThan(0.03);
    }

    /**
     * After 4,000 burn-in steps, 60,000 steps of the two-neuron chain: E[w₁²], E[w₂²] and P(|w₁| > SIDE)
     * each within 4 batch-means standard errors of {@code exact} ({@link #exactTwoNeuron}). Returns
     * {mean, s.e.} of the side-well indicator.
     */
    static double[] assertMatchesExactTwoNeuron(Trainer t, double[] exact) {
        t.run(4000);
        int steps = 60_000;
        double[] w1s = new double[steps];
        double[] w2s = new double[steps];
        double[] s1 = new double[steps];
        for (int s = 0; s < steps; s++) {
            t.step();
            double[] w = t.snapshotW(0);
            w1s[s] = w[0] * w[0];
            w2s[s] = w[1] * w[1];
            s1[s] = Math.abs(w[0]) > SIDE ? 1 : 0;
        }
        double[] m1 = batchMeans(w1s);
        double[] m2 = batchMeans(w2s);
        double[] ms = batchMeans(s1);
        assertThat(Math.abs(m1[0] - exact[0])).as("E[w1²] %s ± %s vs %s", m1[0], m1[1], exact[0]).isLessThan(4 * m1[1]);
        assertThat(Math.abs(m2[0] - exact[1])).as("E[w2²] %s ± %s vs %s", m2[0], m2[1], exact[1]).isLessThan(4 * m2[1]);
        assertThat(Math.abs(ms[0] - exact[2])).as("P(|w1| > 0.6) %s ± %s vs %s", ms[0], ms[1], exact[2]).isLessThan(4 * ms[1]);
        return ms;
    }

    /**
     * Exact {E[w₁²], E[w₂²], P(|w₁| > SIDE)} of two erf neurons in d = 1 with a ∈ R² integrated
     * analytically (a 2×2 Gaussian), on a 801 × 801 grid over [−2.6, 2.6]².
     */
    static double[] exactTwoNeuron(Dataset data, double varW, double varA, double sigma2) {
        double[] x = data.xTrain();
        double[] y = data.yTrain();
        int n = data.nTrain();
        int ng = 801;
        double lim = 2.6;
        double[] lp = new double[ng * ng];
        double max = Double.NEGATIVE_INFINITY;
        double lam = 1 / sigma2;
        for (int i = 0; i < ng; i++) {
            double w1 = -lim + 2 * lim * i / (ng - 1);
            for (int j = 0; j < ng; j++) {
                double w2 = -lim + 2 * lim * j / (ng - 1);
                double m11 = 1 / varA;
                double m22 = 1 / varA;
                double m12 = 0;
                double b1 = 0;
                double b2 = 0;
                for (int mu = 0; mu < n; mu++) {
                    double p1 = Activation.ERF.value(w1 * x[mu]);
                    double p2 = Activation.ERF.value(w2 * x[mu]);
                    m11 += lam * p1 * p1;
                    m22 += lam * p2 * p2;
                    m12 += lam * p1 * p2;
                    b1 += lam * p1 * y[mu];
                    b2 += lam * p2 * y[mu];
                }
                double det = m11 * m22 - m12 * m12;
                double quad = (m22 * b1 * b1 - 2 * m12 * b1 * b2 + m11 * b2 * b2) / det;
                double v = -(w1 * w1 + w2 * w2) / (2 * varW) + 0.5 * quad - 0.5 * Math.log(det);
                lp[i * ng + j] = v;
                max = Math.max(max, v);
            }
        }
        double z = 0;
        double e1 = 0;
        double e2 = 0;
        double side1 = 0;
        for (int i = 0; i < ng; i++) {
            double w1 = -lim + 2 * lim * i / (ng - 1);
            for (int j = 0; j < ng; j++) {
                double w2 = -lim + 2 * lim * j / (ng - 1);
                double p = Math.exp(lp[i * ng + j] - max);
                z += p;
                e1 += p * w1 * w1;
                e2 += p * w2 * w2;
                side1 += Math.abs(w1) > SIDE ? p : 0;
            }
        }
        e1 /= z;
        e2 /= z;
        side1 /= z;

        return new double[] {e1, e2, side1};
    }

    // ---- (3) resume, (4) refusals ----

    @Test
    void resumeIsBitIdenticalWithJumpsLangevinMalaAndFloat32() {
        Dataset data = new CubicTeacherTask(6, 40, 0, -0.3).generate(SeedTree.root(1));
        NetworkSpec spec = NetworkSpec.standard(5, 6, 1, Activation.ERF);
        Prior prior = Prior.cubic(0.5, 6, 1.0, 5);
        DropletJumpConfig jumps = new DropletJumpConfig(3, 1.0, 0.25);
        TrainingConfig langevin = TrainingConfig.langevin(spec, prior, new LangevinConfig(0.2, 0.05)).withJumps(jumps);
        // k = 7 and 9: the checkpoint falls one step after a sweep and right at one
        TrainerResumeTest.assertResumeIsBitIdentical(langevin, data, 7);
        TrainerResumeTest.assertResumeIsBitIdentical(langevin, data, 9);
        TrainingConfig mala = new TrainingConfig(spec, prior, new MalaConfig(0.2, 0.05, 0, 0.574, 10), Loss.MSE,
                Precision.FLOAT64, 0, Double.NaN, Double.NaN, 1, FrozenLayer.NONE, jumps);
        TrainerResumeTest.assertResumeIsBitIdentical(mala, data, 9);
        TrainerResumeTest.assertResumeIsBitIdentical(mala.withPrecision(Precision.FLOAT32), data, 7);
        // a checkpoint without jump counters is refused by a run with jumps
        Trainer plain = Trainer.create(mala.withJumps(DropletJumpConfig.NONE), data, TrainerResumeTest.seeds());
        plain.run(2);
        Trainer withJumps = Trainer.create(mala, data, TrainerResumeTest.seeds());
        assertThatThrownBy(() -> withJumps.restoreState(plain.saveState())).isInstanceOf(GrokphaseException.class)
                .hasMessageContaining("jump.counts");
    }

    @Test
    void replicaExchangeJumpsEveryReplicaAndResumesBitIdentically() {
        Dataset data = new CubicTeacherTask(6, 40, 0, -0.3).generate(SeedTree.root(1));
        NetworkSpec spec = NetworkSpec.standard(5, 6, 1, Activation.ERF);
        TrainingConfig mala = new TrainingConfig(spec, Prior.cubic(0.5, 6, 1.0, 5), new MalaConfig(0.2, 0.05, 0, 0.574, 10),
                Loss.MSE, Precision.FLOAT64, 0, Double.NaN, Double.NaN, 1, FrozenLayer.NONE, new DropletJumpConfig(2, 1.0, 0.25));
        TemperingConfig tc = new TemperingConfig(3, 2.0, TemperingConfig.Tempered.LIKELIHOOD, 1);
        ReplicaExchangeTrainerTest.assertResumeIsBitIdentical(mala, tc, data, 5);
        ReplicaExchangeTrainer rx = new ReplicaExchangeTrainer(mala, tc, data, TrainerResumeTest.seeds());
        rx.run(10);
        for (int member = 0; member < rx.trainer().members(); member++) {
            assertThat(rx.trainer().jumps().attempts(member)).isEqualTo(5L * 5);
        }
    }

    @Test
    void badValuesAndUnsupportedSettingsAreOneLineErrors() {
        assertOneLine(() -> new DropletJumpConfig(-1, 1.0, 0.2), "--jump-every");
        assertOneLine(() -> new DropletJumpConfig(1, 0.0, 0.2), "--jump-size");
        assertOneLine(() -> new DropletJumpConfig(1, Double.NaN, 0.2), "--jump-size");
        assertOneLine(() -> new DropletJumpConfig(1, 1.0, 1.0), "--jump-spread");
        NetworkSpec scalar = NetworkSpec.standard(5, 6, 1, Activation.ERF);
        Prior prior = Prior.cubic(0.5, 6, 1.0, 5);
        DropletJumpConfig on = DropletJumpConfig.every(5);
        assertOneLine(() -> new TrainingConfig(scalar, prior, new SgdConfig(0.1, 0, 0), Loss.MSE, Precision.FLOAT64, 0,
                Double.NaN, Double.NaN, 1, FrozenLayer.NONE, on), "--jump-every");
        assertOneLine(() -> new TrainingConfig(scalar, prior, new LangevinConfig(0.2, 0.05), Loss.MSE, Precision.FLOAT64, 8,
                Double.NaN, Double.NaN, 1, FrozenLayer.NONE, on), "full-batch");
        assertOneLine(() -> new TrainingConfig(scalar, prior, new LangevinConfig(0.2, 0.05), Loss.MSE, Precision.FLOAT64, 0,
                Double.NaN, Double.NaN, 1, FrozenLayer.READOUT, on), "frozen");
        NetworkSpec multi = NetworkSpec.standard(4, 10, 5, Activation.SQUARE);
        assertOneLine(() -> new TrainingConfig(multi, Prior.modular(1, 1, 4), new LangevinConfig(0.2, 0.05), Loss.MSE,
                Precision.FLOAT64, 0, Double.NaN, Double.NaN, 1, FrozenLayer.NONE, on), "scalar readout");
        // a dataset without a teacher direction (a one-output network on data with none)
        Dataset modular = new ModularAdditionTask(5, 1.0, Targets.CENTRED, 0).generate(SeedTree.root(1));
        Dataset noTeacher = new Dataset("cubic", modular.xTrain(), new double[modular.nTrain()], modular.nTrain(),
                new double[0], new double[0], 0, modular.inputDim(), 1, null, 0, null, null, null, null);
        NetworkSpec one = NetworkSpec.standard(4, 10, 1, Activation.ERF);
        TrainingConfig cfg = TrainingConfig.langevin(one, Prior.cubic(0.5, 10, 1.0, 4), new LangevinConfig(0.2, 0.05)).withJumps(on);
        assertOneLine(() -> Trainer.create(cfg, noTeacher, TrainerResumeTest.seeds()), "teacher direction");
    }

    private static void assertOneLine(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String text) {
        assertThatThrownBy(call).isInstanceOf(GrokphaseException.class).hasMessageContaining(text)
                .hasMessageNotContaining("\n");
    }
}
