package dev.grokphase.theory.ak;

import dev.grokphase.linalg.ArrayGemm;
import dev.grokphase.random.RandomStream;

import java.util.Arrays;

/**
 * Samples the single-neuron distribution of the adaptive-kernel theory (paper-notes §3.2)
 * <pre>  p(w) ∝ exp(−|w|²/(2v) + E(w) − Γ(w)),   E(w) = (κ/2) Σ_k (Σ_μ t̄_μk φ(w·x_μ))²,  </pre>
 * v the prior variance, κ = σ_a²/N, Γ the optional sextic regulariser of notes §5.6 (modular,
 * as the trainer adds it; 0 otherwise), without any continuum or saddle-point step. Below, "tilt"
 * means E − Γ: the tempering path multiplies it by λ.
 *
 * <p><b>Why every well is visited.</b> p can be multi-modal (the droplet wells of §3.7). Each chain
 * is a parallel-tempering ladder over the tilt strength: replica i samples
 * p_λ(w) ∝ exp(−|w|²/(2v) + λ_i E(w)) with 0 = λ_0 < … < λ_{L−1} = 1. Replica 0 is the Gaussian
 * prior and is <em>drawn exactly and independently</em> every sweep, so it puts mass on every
 * region of weight space, whatever the wells; neighbouring replicas exchange states with the
 * Metropolis probability min(1, exp((λ_{i+1} − λ_i)(E_a − E_b))), which leaves the product of the
 * p_λ invariant. Every state of replica L−1 can therefore be reached from a fresh prior draw by a
 * chain of accepted exchanges, and the λ = 1 marginal converges to p with no barrier to cross
 * by diffusion; how fast is measured, not assumed: the sampler counts round trips of walkers
 * from λ = 0 to λ = 1 and reports the lowest exchange acceptance ({@link Diagnostics}). Within a
 * replica the moves are MALA steps (preconditioned by v, exact Metropolis correction) and, for
 * odd or even φ, the exact sign flip w → −w, which joins the mirror wells ±w directly.
 *
 * <p>The ladder spacing and the MALA step of each rung adapt during burn-in only (exchange
 * acceptances equalised, MALA acceptance driven to 0.574), then stay fixed, so the kept samples
 * come from a fixed reversible kernel. Chains are independent (separate random streams), which
 * is what the jackknife error bars of {@link DataAwareSolver} rely on.
 *
 * <p>One instance per solve (not thread-safe); it keeps its replicas between passes, so a pass at a
 * new t̄ starts from the previous equilibrium.
 */
final class TemperedNeuronSampler {

    /** Optimal MALA acceptance (Roberts and Rosenthal 1998). */
    static final double TARGET_MALA = 0.574;

    private final AkProblem p;
    private final SamplerSettings s;
    private final RandomStream[] rng;
    private final int n;
    private final int dim;
    private final int k;
    private final int rows;
    private final double v;

    /** Replica states (rows×D), tilt E and its gradient ∇E (rows×D). */
    private final double[] w;
    private final double[] e;
    private final double[] gradE;
    /** Proposals and their E, ∇E. */
    private final double[] wp;
    private final double[] ep;
    private final double[] gradEp;
    private final double[] noise;
    /** Work buffers: pre-activations/activations (rows×n), derivatives (rows×n), g (rows×K). */
    private final double[] z;
    private final double[] phi;
    private final double[] dphi;
    private final double[] g;

    /** rungOf[row], rowAt[chain·L + rung]. */
    private final int[] rungOf;
    private final int[] rowAt;
    private final double[] lambda;
    private final double[] step;
    /** +1 after a walker visited rung 0, reset when it reaches the top (a round trip). */
    private final int[] heading;

    private double[] tbar;
    private final Sextic sextic;
    private long roundTrips;
    private long sweeps;
    private final double[] swapAcc;
    private final double[] swapTry;
    private final double[] malaAcc;
    private final double[] malaTry;

    TemperedNeuronSampler(AkProblem problem, SamplerSettings settings) {
        this.p = problem;
        this.s = settings;
        this.n = problem.n();
        this.dim = problem.inputDim();
        this.k = problem.outputDim();
        int chains = settings.chains();
        int l = settings.rungs();
        this.rows = chains * l;
        this.v = problem.priorVarW();
        RandomStream root = RandomStream.fromSeed(settings.seed());
        this.rng = new RandomStream[chains];
        for (int c = 0; c < chains; c++) {
            rng[c] = RandomStream.fromSeed(root.nextLong());
        }
        w = new double[rows * dim];
        e = new double[rows];
        gradE = new double[rows * dim];
        wp = new double[rows * dim];
        ep = new double[rows];
        gradEp = new double[rows * dim];
        noise = new double[rows * dim];
        z = new double[rows * n];
        phi = new double[rows * n];
        dphi = new double[rows * n];
        g = new double[rows * k];
        rungOf = new int[rows];
        rowAt = new int[rows];
        for (int c = 0; c < chains; c++) {
            for (int i = 0; i < l; i++) {
                rowAt[c * l + i] = c * l + i;
                rungOf[c * l + i] = i;
            }
        }
        lambda = new double[l];
        for (int i = 0; i < l; i++) {
            lambda[i] = (double) i / (l - 1);
        }
        step = new double[l];
        Arrays.fill(step, Math.min(1.0, 1.6 / Math.cbrt(dim)));
        heading = new int[rows];
        sextic = problem.sexticGamma() > 0 ? new Sextic(dim / 2, problem.sexticGamma()) : null;
        swapAcc = new double[l - 1];
        swapTry = new double[l - 1];
        malaAcc = new double[l];
        malaTry = new double[l];
        double sd = Math.sqrt(v);
        for (int c = 0; c < chains; c++) {
            rng[c].fillGaussian(w, c * l * dim, l * dim, sd);
        }
    }

    /**
     * Runs burn-in plus {@code keep × thin} sweeps at the given t̄ (n×K) and returns the kept
     * λ = 1 states; sample j of chain c is row c·keep + j, in batch c mod batches.
     */
    NeuronSamples sample(double[] tbarNew, int burnIn, int keep) {
        this.tbar = tbarNew.clone();
        evaluate(w, e, gradE);
        int l = s.rungs();
        int chains = s.chains();
        resetCounters();
        for (int sweep = 0; sweep < burnIn; sweep++) {
            sweep(true);
            if ((sweep + 1) % 25 == 0) {
                adapt();
                resetCounters();
            }
        }
        resetCounters();
        long trips0 = roundTrips;
        double[] kept = new double[chains * keep * dim];
        int[] batch = new int[chains * keep];
        for (int j = 0; j < keep; j++) {
            for (int t = 0; t < s.thin(); t++) {
                sweep(false);
            }
            for (int c = 0; c < chains; c++) {
                int row = rowAt[c * l + l - 1];
                System.arraycopy(w, row * dim, kept, (c * keep + j) * dim, dim);
                batch[c * keep + j] = c % s.batches();
            }
        }
        Diagnostics diag = new Diagnostics(lambda.clone(), minRatio(swapAcc, swapTry), ratio(malaAcc, malaTry),
                roundTrips - trips0, (long) keep * s.thin(), step.clone());
        return new NeuronSamples(kept, batch, chains * keep, dim, tbar.clone(), diag);
    }

    /** One sweep: a MALA step of every replica (exact draw at λ = 0), exchanges, sign flips. */
    private void sweep(boolean adapting) {
        int l = s.rungs();
        int chains = s.chains();
        double sd = Math.sqrt(v);
        for (int c = 0; c < chains; c++) {
            rng[c].fillGaussian(noise, c * l * dim, l * dim, 1.0);
        }
        for (int r = 0; r < rows; r++) {
            int i = rungOf[r];
            int o = r * dim;
            if (i == 0) {
                for (int j = 0; j < dim; j++) {
                    wp[o + j] = sd * noise[o + j];
                }
            } else {
                double h = step[i];
                double lam = lambda[i];
                double drift = h * v / 2;
                double scale = Math.sqrt(h * v);
                for (int j = 0; j < dim; j++) {
                    double grad = -w[o + j] / v + lam * gradE[o + j];
                    wp[o + j] = w[o + j] + drift * grad + scale * noise[o + j];
                }
            }
        }
        evaluate(wp, ep, gradEp);
        for (int r = 0; r < rows; r++) {
            int i = rungOf[r];
            int c = r / l;
            int o = r * dim;
            boolean accept;
            if (i == 0) {
                accept = true;
            } else {
                double h = step[i];
                double lam = lambda[i];
                double drift = h * v / 2;
                double n2 = 0;
                double w2 = 0;
                double back = 0;
                for (int j = 0; j < dim; j++) {
                    double x0 = w[o + j];
                    double x1 = wp[o + j];
                    w2 += x0 * x0;
                    n2 += x1 * x1;
                    double gradP = -x1 / v + lam * gradEp[o + j];
                    double dlt = x0 - x1 - drift * gradP;
                    back += dlt * dlt;
                    double xi = noise[o + j];
                    back -= h * v * xi * xi; // forward term |√(hv)ξ|², same 1/(2hv) factor
                }
                double logAlpha = (-n2 / (2 * v) + lam * ep[r]) - (-w2 / (2 * v) + lam * e[r]) - back / (2 * h * v);
                accept = logAlpha >= 0 || rng[c].nextDouble() < Math.exp(logAlpha);
                malaTry[i]++;
                if (accept) {
                    malaAcc[i]++;
                }
            }
            if (accept) {
                System.arraycopy(wp, o, w, o, dim);
                System.arraycopy(gradEp, o, gradE, o, dim);
                e[r] = ep[r];
            }
        }
        exchange();
        if (p.signSymmetric()) {
            for (int r = 0; r < rows; r++) {
                if (rng[r / l].nextDouble() < 0.5) {
                    int o = r * dim;
                    for (int j = 0; j < dim; j++) {
                        w[o + j] = -w[o + j];
                        gradE[o + j] = -gradE[o + j];
                    }
                }
            }
        }
        sweeps++;
    }

    /** Even/odd exchanges between neighbouring rungs of every chain. */
    private void exchange() {
        int l = s.rungs();
        int parity = (int) (sweeps & 1);
        for (int c = 0; c < s.chains(); c++) {
            for (int i = parity; i + 1 < l; i += 2) {
                int a = rowAt[c * l + i];
                int b = rowAt[c * l + i + 1];
                double logA = (lambda[i + 1] - lambda[i]) * (e[a] - e[b]);
                swapTry[i]++;
                if (logA >= 0 || rng[c].nextDouble() < Math.exp(logA)) {
                    swapAcc[i]++;
                    rowAt[c * l + i] = b;
                    rowAt[c * l + i + 1] = a;
                    rungOf[a] = i + 1;
                    rungOf[b] = i;
                }
            }
            int bottom = rowAt[c * l];
            heading[bottom] = 1;
            int top = rowAt[c * l + l - 1];
            if (heading[top] == 1) {
                roundTrips++;
                heading[top] = 0;
            }
        }
    }

    /** Burn-in adaptation: MALA steps towards 0.574 acceptance, ladder gaps towards equal exchange rates. */
    private void adapt() {
        int l = s.rungs();
        for (int i = 1; i < l; i++) {
            if (malaTry[i] > 0) {
                double acc = malaAcc[i] / malaTry[i];
                step[i] = Math.min(4.0, Math.max(1e-6, step[i] * Math.exp(2 * (acc - TARGET_MALA))));
            }
        }
        if ((p.kappa() == 0 && p.sexticGamma() == 0) || l < 3) {
            return;
        }
        double[] acc = new double[l - 1];
        double mean = 0;
        for (int i = 0; i < l - 1; i++) {
            acc[i] = swapTry[i] > 0 ? swapAcc[i] / swapTry[i] : 1;
            mean += acc[i] / (l - 1);
        }
        double[] gap = new double[l - 1];
        double total = 0;
        for (int i = 0; i < l - 1; i++) {
            gap[i] = (lambda[i + 1] - lambda[i]) * Math.exp(Math.max(-1, Math.min(1, 2 * (acc[i] - mean))));
            total += gap[i];
        }
        for (int i = 0; i < l - 1; i++) {
            lambda[i + 1] = lambda[i] + gap[i] / total;
        }
        lambda[l - 1] = 1;
    }

    private void resetCounters() {
        Arrays.fill(swapAcc, 0);
        Arrays.fill(swapTry, 0);
        Arrays.fill(malaAcc, 0);
        Arrays.fill(malaTry, 0);
    }

    /**
     * E and ∇E of every row of ws: z = W Xᵀ, g = φ(z) T̄, E = (κ/2)|g|², ∇E = κ [(g T̄ᵀ) ⊙ φ'(z)] X.
     */
    private void evaluate(double[] ws, double[] eOut, double[] gradOut) {
        double kappa = p.kappa();
        ArrayGemm.dgemm(false, true, rows, n, dim, 1.0, ws, dim, p.x(), dim, 0.0, z, n);
        p.activation().evaluate(z, phi, dphi, 0, rows * n);
        if (kappa == 0) {
            Arrays.fill(eOut, 0);
            Arrays.fill(gradOut, 0);
            if (p.sexticGamma() > 0) {
                for (int r = 0; r < rows; r++) {
                    eOut[r] -= sextic.addGradient(ws, r * dim, gradOut, r * dim, -1.0);
                }
            }
            return;
        }
        ArrayGemm.dgemm(false, false, rows, k, n, 1.0, phi, n, tbar, k, 0.0, g, k);
        for (int r = 0; r < rows; r++) {
            double s2 = 0;
            for (int q = 0; q < k; q++) {
                s2 += g[r * k + q] * g[r * k + q];
            }
            eOut[r] = kappa / 2 * s2;
        }
        // u = g T̄ᵀ (rows×n), reusing z, then u ⊙ φ'
        ArrayGemm.dgemm(false, true, rows, n, k, 1.0, g, k, tbar, k, 0.0, z, n);
        for (int i = 0, len = rows * n; i < len; i++) {
            z[i] *= dphi[i];
        }
        ArrayGemm.dgemm(false, false, rows, dim, n, kappa, z, n, p.x(), dim, 0.0, gradOut, dim);
        if (p.sexticGamma() > 0) {
            for (int r = 0; r < rows; r++) {
                eOut[r] -= sextic.addGradient(ws, r * dim, gradOut, r * dim, -1.0);
            }
        }
    }

    private static double minRatio(double[] acc, double[] tries) {
        double min = 1;
        for (int i = 0; i < acc.length; i++) {
            if (tries[i] > 0) {
                min = Math.min(min, acc[i] / tries[i]);
            }
        }
        return min;
    }

    private static double ratio(double[] acc, double[] tries) {
        double a = 0;
        double t = 0;
        for (int i = 1; i < acc.length; i++) {
            a += acc[i];
            t += tries[i];
        }
        return t == 0 ? 1 : a / t;
    }

    /**
     * Health of one sampling pass.
     *
     * @param ladder           the tilt strengths λ_i used for the kept samples
     * @param minExchange      lowest exchange acceptance between neighbouring rungs
     * @param malaAcceptance   MALA acceptance over the tilted rungs
     * @param roundTrips       walkers that went from λ = 0 to λ = 1 while samples were kept
     * @param keptSweeps       sweeps while samples were kept
     * @param steps            MALA step (in units of the prior variance) per rung
     */
    record Diagnostics(double[] ladder, double minExchange, double malaAcceptance, long roundTrips,
                       long keptSweeps, double[] steps) {
    }
}
