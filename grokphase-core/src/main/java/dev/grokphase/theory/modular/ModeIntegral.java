package dev.grokphase.theory.modular;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The single-neuron distribution of one independent Fourier pair (k, −k), k ≠ 0, integrated
 * numerically with no saddle-point step (notes §5.6–§5.7; docs/theory.md "Per-mode integral").
 *
 * <p>For real weights w_{−k} = conj(w_k), so the modes k and −k carry the same magnitudes and the
 * action of notes §5.6 counts each magnitude twice. With Φ = |w_k|², Ψ = |v_k|² and uniform phases
 * (the complex measure d²w_k d²v_k = π² dΦ dΨ after the phase integrals), one pair has the density
 *
 * <pre>
 *   p(Φ, Ψ) ∝ exp(−2P s(Φ, Ψ)),   s = (Φ + Ψ)/2 − g ΦΨ + (γ/6)(Φ³ + Ψ³),   g = u a²,
 * </pre>
 *
 * on Φ, Ψ ≥ 0. At g = 0 and γ → 0 it is the prior: Φ and Ψ exponential with mean 1/P, so
 * 4P²σ_a²⟨ΦΨ⟩ is the NNGP eigenvalue 4σ_a² (notes §5.5). The saddle-point mixture of §5.7 keeps only
 * the two wells' minima; this integral keeps the Gaussian fluctuations around the zero well (the GP
 * part) and the finite width of the droplet well, and is smooth in g (no weight that switches on
 * where the non-zero saddle appears).
 *
 * <p><b>Method.</b> For fixed Φ the Ψ-integrand is log-concave (the exponent −2P(bΨ + γΨ³/6), b =
 * 1/2 − gΦ, has second derivative −2PγΨ ≤ 0): its maximum Ψ₀ is known in closed form and it is
 * integrated by composite Gauss–Legendre on the window where it is within e^{−{@value #WINDOW}} of
 * the maximum. The outer Φ-integrand can be bimodal (the zero and the droplet well): it is integrated
 * by adaptive Gauss–Kronrod (7/15 points), starting from a geometric grid of panels from 10⁻³/P up
 * to where the integrand is e^{−{@value #WINDOW}} below its maximum, with extra break points around
 * the droplet well and the barrier. Everything is computed relative to the largest exponent met, so
 * nothing overflows for P in the thousands. Not thread-safe (scratch arrays); cheap to create.
 */
public final class ModeIntegral {

    /** log of the dynamic range kept: the integrand is dropped where it is e^{−WINDOW} below its maximum. */
    static final double WINDOW = 46.0;
    /** Relative tolerance of the outer adaptive quadrature. */
    static final double REL_TOL = 1e-10;
    private static final int MAX_PANELS = 20_000;
    /** Ratio of consecutive initial break points; the adaptive splitting refines where needed. */
    private static final double GEOMETRIC_RATIO = 1.15;

    private static final double[] GL_X;
    private static final double[] GL_W;
    private static final int INNER_PANELS = 4;

    private static final double[] K15_X = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
        0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0};
    private static final double[] K15_W = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
        0.140653259715525918745189590510238, 0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    /** Gauss 7-point weights at K15_X[1], [3], [5], [7]. */
    private static final double[] G7_W = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780, 0.381830050505118944950369775488975,
        0.417959183673469387755102040816327};

    static {
        int n = 16;
        GL_X = new double[n];
        GL_W = new double[n];
        // Gauss–Legendre nodes by Newton on P_n (the standard recurrence); accurate to rounding.
        for (int i = 0; i < n; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int it = 0; it < 12; it++) {
                double p0 = 1;
                double p1 = x;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (x * p1 - p0) / (x * x - 1);
                x -= p1 / dp;
            }
            GL_X[i] = x;
            GL_W[i] = 2.0 / ((1 - x * x) * dp * dp);
        }
    }

    /**
     * Moments of one pair's distribution.
     *
     * @param meanPhiPsi    ⟨ΦΨ⟩ = ⟨|w_k|²|v_k|²⟩; the kernel eigenvalue on the target is 4P²σ_a² times this
     * @param meanPhi       ⟨Φ⟩ = ⟨|w_k|²⟩ (1/P under the prior)
     * @param dropletMass   P(√(ΦΨ) ≥ threshold): the weight of the droplet well
     * @param dropletPhiPsi ⟨ΦΨ; √(ΦΨ) ≥ threshold⟩, the droplet well's share of ⟨ΦΨ⟩
     * @param threshold     1/√γ, the Φ at which the non-zero saddle is born; it lies between the barrier Φ_−
     *                      and the droplet minimum Φ_+ at every coupling (Φ_−Φ_+ = 1/γ), so it separates
     *                      the wells; the same cut defines the networks' dropletFraction
     */
    public record Moments(double meanPhiPsi, double meanPhi, double dropletMass, double dropletPhiPsi, double threshold) {
    }

    private final int p;
    private final double gamma;
    private final double c;
    private double g;
    private double logShift;

    /** @param p the prime P (2P multiplies the action); @param gamma the sextic strength γ &gt; 0 */
    public ModeIntegral(int p, double gamma) {
        if (!(gamma > 0)) {
            throw new IllegalArgumentException("gamma must be > 0 (the quartic reward is unbounded without Γ): " + gamma);
        }
        this.p = p;
        this.gamma = gamma;
        this.c = 2.0 * p;
    }

    /** ⟨ΦΨ⟩ and the other moments at quartic coupling g = u a² ≥ 0. */
    public Moments moments(double coupling) {
        if (!(coupling >= 0)) {
            throw new IllegalArgumentException("g must be >= 0: " + coupling);
        }
        this.g = coupling;
        double threshold = 1.0 / Math.sqrt(gamma);
        double[] breaks = breakPoints();
        // shift so that the largest log-integrand on the initial grid is 0
        double shift = Double.NEGATIVE_INFINITY;
        for (double x : breaks) {
            shift = Math.max(shift, outerLog(x));
        }
        logShift = shift;
        double[] sum = adaptive(breaks);
        double z = sum[0];
        if (!(z > 0 && Double.isFinite(z) && Double.isFinite(sum[2]))) {
            throw new ArithmeticException(String.format(java.util.Locale.ROOT,
                    "the per-mode integral loses double precision at P = %d, g = %.4g, gamma = %.4g (the droplet action "
                            + "2P*gamma*Phi^3/6 ~ %.2g)", p, g, gamma, c * gamma * Math.pow(Math.max(1.0, ModeAction.phiPlus(g, gamma)), 3) / 6));
        }
        return new Moments(sum[2] / z, sum[1] / z, sum[3] / z, sum[4] / z, threshold);
    }

    // ---- inner integral over Ψ at fixed Φ -------------------------------------------------------

    /**
     * log ∫₀^∞ e^{−c(bΨ + γΨ³/6)} dΨ in [0], the conditional mean E[Ψ | Φ] in [1], and, with the droplet
     * cut Ψ ≥ {@code cut}, P(Ψ ≥ cut | Φ) in [2] and E[Ψ; Ψ ≥ cut | Φ] in [3].
     */
    void inner(double b, double cut, double[] out) {
        double x0 = b >= 0 ? 0.0 : Math.sqrt(-2.0 * b / gamma);
        double h0 = h(b, x0);
        double drop = WINDOW / c;
        // right end: h(x) − h(x0) = drop; h increases for x > x0
        double step = Math.max(Math.max(b > 0 ? drop / b : 0.0, Math.cbrt(6.0 * drop / gamma)),
                x0 > 0 ? Math.sqrt(2.0 * drop / (gamma * x0)) : 0.0);
        double hi = x0 + step;
        while (rise(b, x0, hi) < drop) {
            hi = x0 + 2 * (hi - x0);
        }
        hi = bisect(b, x0, drop, x0, hi);
        double lo = 0.0;
        if (x0 > 0 && rise(b, x0, 0.0) > drop) {
            lo = bisect(b, x0, drop, x0, 0.0);
        }
        // the window, split at the cut when it falls inside so that each part is integrated exactly
        double s0 = 0;
        double s1 = 0;
        double d0 = 0;
        double d1 = 0;
        boolean split = cut > lo && cut < hi;
        for (int part = 0; part < (split ? 2 : 1); part++) {
            double a = split && part == 1 ? cut : lo;
            double z = split && part == 0 ? cut : hi;
            boolean droplet = a >= cut;
            double width = (z - a) / INNER_PANELS;
            double p0 = 0;
            double p1 = 0;
            for (int pnl = 0; pnl < INNER_PANELS; pnl++) {
                double mid = a + (pnl + 0.5) * width;
                for (int i = 0; i < GL_X.length; i++) {
                    double x = mid + 0.5 * width * GL_X[i];
                    double e = GL_W[i] * Math.exp(-c * rise(b, x0, x));
                    p0 += e;
                    p1 += e * x;
                }
            }
            p0 *= 0.5 * width;
            p1 *= 0.5 * width;
            s0 += p0;
            s1 += p1;
            if (droplet) {
                d0 += p0;
                d1 += p1;
            }
        }
        out[0] = -c * h0 + Math.log(s0);
        out[1] = s1 / s0;
        out[2] = d0 / s0;
        out[3] = d1 / s0;
    }

    private double h(double b, double x) {
        return b * x + gamma / 6.0 * x * x * x;
    }

    /**
     * h(x) − h(x₀) without cancellation: with x₀ &gt; 0 (b = −γx₀²/2) it factors as (γ/6)(x − x₀)²(x + 2x₀);
     * the direct difference loses everything once h is ~10¹⁶ times the window (large P·γΦ³).
     */
    private double rise(double b, double x0, double x) {
        if (x0 == 0.0) {
            return h(b, x);
        }
        double d = x - x0;
        return gamma / 6.0 * d * d * (x + 2 * x0);
    }

    /** The x between {@code from} (rise &lt; target) and {@code to} (rise ≥ target) where the rise from x₀ is target. */
    private double bisect(double b, double x0, double target, double from, double to) {
        double a = from;
        double z = to;
        // the window's ends need no precision, only h(z) ≥ target: stop at 0.1% of the end's position
        for (int i = 0; i < 200 && Math.abs(z - a) > 1e-3 * Math.max(Math.abs(z), Math.abs(a)); i++) {
            double m = 0.5 * (a + z);
            if (rise(b, x0, m) < target) {
                a = m;
            } else {
                z = m;
            }
        }
        return z;
    }

    // ---- outer integral over Φ ------------------------------------------------------------------

    private final double[] scratch = new double[4];

    /** The droplet cut on Ψ at this Φ: √(ΦΨ) ≥ 1/√γ. */
    private double cut(double phi) {
        return phi > 0 ? 1.0 / (gamma * phi) : Double.POSITIVE_INFINITY;
    }

    /** log of the Φ-marginal (unnormalised): −c(Φ/2 + γΦ³/6) + log ∫ dΨ. */
    double outerLog(double phi) {
        inner(0.5 - g * phi, cut(phi), scratch);
        return -c * (0.5 * phi + gamma / 6.0 * phi * phi * phi) + scratch[0];
    }

    /**
     * Adds the marginal weight times (1, Φ, Φ·E[Ψ|Φ], P(droplet|Φ), Φ·E[Ψ; droplet|Φ]) at Φ, relative to
     * the shift, into acc[0..4] scaled by w.
     */
    private void outerTerms(double phi, double w, double[] acc) {
        inner(0.5 - g * phi, cut(phi), scratch);
        double lw = -c * (0.5 * phi + gamma / 6.0 * phi * phi * phi) + scratch[0] - logShift;
        double e = w * Math.exp(lw);
        acc[0] += e;
        acc[1] += e * phi;
        acc[2] += e * phi * scratch[1];
        acc[3] += e * scratch[2];
        acc[4] += e * phi * scratch[3];
    }

    private double[] breakPoints() {
        List<Double> pts = new ArrayList<>();
        pts.add(0.0);
        double phiPlus = ModeAction.phiPlus(g, gamma);
        double phiStar = ThermodynamicLimit.phiStar(gamma);
        double scale = Math.max(Double.isNaN(phiPlus) ? 0 : phiPlus, phiStar);
        double x = 1e-3 / p;
        double best = Double.NEGATIVE_INFINITY;
        // walk up geometrically until the integrand has fallen WINDOW below its maximum, past every well
        while (true) {
            pts.add(x);
            double l = outerLog(x);
            best = Math.max(best, l);
            if (x > 2 * scale && x > 10.0 / p && l < best - WINDOW - 5) {
                break;
            }
            x *= GEOMETRIC_RATIO;
        }
        if (!Double.isNaN(phiPlus)) {
            // a fine net around the droplet well: its Φ-width from the Hessian of 2P s at (Φ_+, Φ_+)
            double hpp = c * gamma * phiPlus;
            double det = hpp * hpp - c * c * g * g;
            double w = det > 0 ? Math.sqrt(hpp / det) : Math.cbrt(1.0 / (c * gamma));
            for (int j = -12; j <= 12; j++) {
                double y = phiPlus + j * w;
                if (y > 0) {
                    pts.add(y);
                }
            }
        }
        return pts.stream().mapToDouble(Double::doubleValue).sorted().distinct().toArray();
    }

    private record Panel(double lo, double hi, double[] value, double[] error) {
        double priority(double scale0, double scale2) {
            return error[0] / scale0 + error[1] / scale2;
        }
    }

    /**
     * Adaptive G7K15 over the panels between consecutive break points, until both the normalisation
     * and the ⟨ΦΨ⟩ moment meet the relative tolerance; returns the five sums of {@link #outerTerms}.
     */
    private double[] adaptive(double[] breaks) {
        List<Panel> initial = new ArrayList<>();
        double t0 = 0;
        double t2 = 0;
        for (int i = 0; i + 1 < breaks.length; i++) {
            Panel pnl = panel(breaks[i], breaks[i + 1]);
            initial.add(pnl);
            t0 += pnl.value[0];
            t2 += pnl.value[2];
        }
        final double s0 = t0;
        final double s2 = t2 > 0 ? t2 : Double.MIN_NORMAL;
        PriorityQueue<Panel> queue = new PriorityQueue<>((x, y) -> Double.compare(y.priority(s0, s2), x.priority(s0, s2)));
        double e0 = 0;
        double e2 = 0;
        for (Panel pnl : initial) {
            queue.add(pnl);
            e0 += pnl.error[0];
            e2 += pnl.error[1];
        }
        int panels = queue.size();
        while ((e0 > REL_TOL * t0 || e2 > REL_TOL * t2) && panels < MAX_PANELS) {
            Panel worst = queue.poll();
            double mid = 0.5 * (worst.lo + worst.hi);
            Panel left = panel(worst.lo, mid);
            Panel right = panel(mid, worst.hi);
            t0 += left.value[0] + right.value[0] - worst.value[0];
            t2 += left.value[2] + right.value[2] - worst.value[2];
            e0 += left.error[0] + right.error[0] - worst.error[0];
            e2 += left.error[1] + right.error[1] - worst.error[1];
            queue.add(left);
            queue.add(right);
            panels++;
        }
        double[] sum = new double[5];
        for (Panel pnl : queue) {
            for (int j = 0; j < 5; j++) {
                sum[j] += pnl.value[j];
            }
        }
        return sum;
    }

    private Panel panel(double lo, double hi) {
        double half = 0.5 * (hi - lo);
        double mid = 0.5 * (lo + hi);
        double[] k = new double[5];
        double[] gauss = new double[5];
        for (int i = 0; i < K15_X.length; i++) {
            double[] one = new double[5];
            if (K15_X[i] == 0.0) {
                outerTerms(mid, 1.0, one);
            } else {
                outerTerms(mid - half * K15_X[i], 1.0, one);
                double[] two = new double[5];
                outerTerms(mid + half * K15_X[i], 1.0, two);
                for (int j = 0; j < 5; j++) {
                    one[j] += two[j];
                }
            }
            for (int j = 0; j < 5; j++) {
                k[j] += K15_W[i] * one[j];
                if (i % 2 == 1) {
                    gauss[j] += G7_W[i / 2] * one[j];
                }
            }
        }
        for (int j = 0; j < 5; j++) {
            k[j] *= half;
            gauss[j] *= half;
        }
        return new Panel(lo, hi, k, new double[] {Math.abs(k[0] - gauss[0]), Math.abs(k[2] - gauss[2])});
    }
}
