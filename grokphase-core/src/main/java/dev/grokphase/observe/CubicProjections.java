package dev.grokphase.observe;

/**
 * The linear and cubic components of a network's output on the teacher direction, paper-notes
 * §6.1 practical formulas: with z_j = w*·x_j over n points,
 * <pre>
 *   lin = (1/n) Σ_j f(x_j) H_1(z_j)           ≈ 1 − b   (1 when the linear part is learned)
 *   cub = (1/n) Σ_j f(x_j) H_3(z_j) / 6       ≈ ε − c   (ε when the cubic part is learned)
 * </pre>
 * H_1(z) = z, H_3(z) = z³ − 3z, E[H_3²] = 6 under N(0,1) (notes §0.3). |w*| = 1 is assumed.
 */
public final class CubicProjections {

    private CubicProjections() {
    }

    /** The pair (linear, cubic) of projections. */
    public record Projections(double linear, double cubic) {
    }

    /**
     * @param f     network outputs, length n (K = 1)
     * @param x     inputs, n×d row-major
     * @param wStar teacher direction, length d, unit norm
     */
    public static Projections of(double[] f, double[] x, int n, double[] wStar) {
        int d = wStar.length;
        double lin = 0;
        double cub = 0;
        for (int j = 0; j < n; j++) {
            double z = 0;
            int off = j * d;
            for (int k = 0; k < d; k++) {
                z += wStar[k] * x[off + k];
            }
            lin += f[j] * z;
            cub += f[j] * (z * z * z - 3 * z);
        }
        return new Projections(lin / n, cub / (6.0 * n));
    }

    /** The teacher's values y = H_1(z) + ε H_3(z), for tests and for callers without a task. */
    public static double[] teacher(double[] x, int n, double[] wStar, double eps) {
        int d = wStar.length;
        double[] y = new double[n];
        for (int j = 0; j < n; j++) {
            double z = 0;
            for (int k = 0; k < d; k++) {
                z += wStar[k] * x[j * d + k];
            }
            y[j] = z + eps * (z * z * z - 3 * z);
        }
        return y;
    }
}
