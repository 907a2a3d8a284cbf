package dev.grokphase.theory.cubic;

/**
 * The reduced one-dimensional action of model 1 per input dimension (notes §4.4, paper Eq. 13):
 *
 * <pre>
 *   s(q) = S(q)/d = q²/(2σ_w²) − (2u/π) · t · (b − 2c t)²,   t = q²/D(q),   D(q) = 1 + 2(σ_w² + q²),
 * </pre>
 *
 * with q = w·w* the overlap of one neuron's input weights with the teacher direction, and (b, c)
 * the discrepancies of the linear and cubic channels. s(0) = 0, s is even in q. Derivatives are
 * analytic: with D₀ = 1 + 2σ_w², t' = 2q D₀/D², t'' = 2D₀(D − 8q²)/D³, g(t) = t(b − 2ct)²,
 * g' = (b − 2ct)(b − 6ct), g'' = 24c²t − 8bc.
 *
 * <p>Also the matrix m(q) of notes §4.6/§4.8, the outer product v vᵀ of the single-neuron
 * projections v = (2q/√(πD), −4q³/(√(6π) D^{3/2})) on the orthonormal (Ĥ₁, Ĥ₃) basis.
 */
public final class ReducedAction {

    private final double u;
    private final double sigmaW2;
    private final double b;
    private final double c;
    private final double d0;

    public ReducedAction(double u, double sigmaW2, double b, double c) {
        this.u = u;
        this.sigmaW2 = sigmaW2;
        this.b = b;
        this.c = c;
        this.d0 = 1 + 2 * sigmaW2;
    }

    /** D(q) = 1 + 2(σ_w² + q²): 1 + 2|w|² with the perpendicular norm concentrated at σ_w² (§4.4). */
    public static double bigD(double sigmaW2, double q) {
        return 1 + 2 * (sigmaW2 + q * q);
    }

    /** s(q) = S(q)/d. */
    public double value(double q) {
        double dd = bigD(sigmaW2, q);
        double t = q * q / dd;
        double e = b - 2 * c * t;
        return q * q / (2 * sigmaW2) - (2 * u / Math.PI) * t * e * e;
    }

    /** ds/dq. */
    public double derivative(double q) {
        double dd = bigD(sigmaW2, q);
        double t = q * q / dd;
        double tp = 2 * q * d0 / (dd * dd);
        return q / sigmaW2 - (2 * u / Math.PI) * (b - 2 * c * t) * (b - 6 * c * t) * tp;
    }

    /** d²s/dq². At q = 0 this is 1/σ_w² − 4ub²/(πD₀) = (1 − B u b²)/σ_w² (notes §4.8). */
    public double secondDerivative(double q) {
        double dd = bigD(sigmaW2, q);
        double t = q * q / dd;
        double tp = 2 * q * d0 / (dd * dd);
        double tpp = 2 * d0 * (dd - 8 * q * q) / (dd * dd * dd);
        double g1 = (b - 2 * c * t) * (b - 6 * c * t);
        double g2 = 24 * c * c * t - 8 * b * c;
        return 1 / sigmaW2 - (2 * u / Math.PI) * (g2 * tp * tp + g1 * tpp);
    }

    /** Projection of erf(w·x) on Ĥ₁ = H₁: 2q/√(πD) (notes §4.6). */
    public static double projection1(double sigmaW2, double q) {
        return 2 * q / Math.sqrt(Math.PI * bigD(sigmaW2, q));
    }

    /** Projection of erf(w·x) on Ĥ₃ = H₃/√6: −4q³/(√(6π) D^{3/2}) (notes §4.6). */
    public static double projection3(double sigmaW2, double q) {
        double dd = bigD(sigmaW2, q);
        return -4 * q * q * q / (Math.sqrt(6 * Math.PI) * dd * Math.sqrt(dd));
    }

    /** m(q) = v vᵀ as {m11, m13, m33}: the 2×2 kernel of one neuron sitting at overlap q. */
    public static double[] singleNeuronMatrix(double sigmaW2, double q) {
        double v1 = projection1(sigmaW2, q);
        double v3 = projection3(sigmaW2, q);
        return new double[]{v1 * v1, v1 * v3, v3 * v3};
    }

    public double u() {
        return u;
    }

    public double b() {
        return b;
    }

    public double c() {
        return c;
    }

    public double sigmaW2() {
        return sigmaW2;
    }
}
