package dev.grokphase.theory.modular.gp;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;

/**
 * NNGP kernel of the quadratic network on two-hot inputs (notes §5.5). With input weights
 * w ~ N(0, I_{2P}) the pre-activation covariance is K(nm, n'm') = δ_nn' + δ_mm', and for φ(z) = z²
 * Wick's theorem gives E[z²z'²] = K(x,x)K(x',x') + 2K(x,x')², so
 *
 * <pre>
 *   Q(nm, n'm') = σ_a² [ 4 + 2(δ_nn' + δ_mm')² ] = σ_a² [ 4·J + 2δ_nn' + 2δ_mm' + 4δ_nn'δ_mm' ].
 * </pre>
 *
 * [D] Each term is diagonal in the 2D Fourier basis: J (all ones) has eigenvalue P² on the (0,0)
 * mode; δ_nn' (sum over m') has eigenvalue P on the modes (k, 0); δ_mm' on (0, k); the identity 1.
 * Hence exactly three distinct eigenvalues of the P² × P² matrix:
 * <ul>
 *   <li>(0,0): σ_a²(4P² + 4P + 4), multiplicity 1;</li>
 *   <li>(k,0) and (0,k), k ≠ 0: σ_a²(2P + 4), multiplicity 2(P − 1);</li>
 *   <li>(k,k'), both ≠ 0: 4σ_a², multiplicity (P − 1)², the subspace holding the target.</li>
 * </ul>
 */
public record QuadraticNngpKernel(TwoHotTable table, double sigmaA2) {

    /** Pre-activation covariance K = δ_nn' + δ_mm'. */
    public double preActivation(int i, int j) {
        return (table.n(i) == table.n(j) ? 1.0 : 0.0) + (table.m(i) == table.m(j) ? 1.0 : 0.0);
    }

    /** Q(x_i, x_j) = σ_a²[K_ii K_jj + 2K_ij²] with K_ii = 2. */
    public double value(int i, int j) {
        double k = preActivation(i, j);
        return sigmaA2 * (4.0 + 2.0 * k * k);
    }

    /** Eigenvalue on the constant (0,0) mode. */
    public double eigenvalueConstant() {
        double p = table.p();
        return sigmaA2 * (4.0 * p * p + 4.0 * p + 4.0);
    }

    /** Eigenvalue on the modes (k,0) and (0,k), k ≠ 0 (functions of n alone or of m alone). */
    public double eigenvalueAxis() {
        return sigmaA2 * (2.0 * table.p() + 4.0);
    }

    /** Eigenvalue on the bulk modes (k,k'), k, k' ≠ 0, where the target lies. */
    public double eigenvalueBulk() {
        return 4.0 * sigmaA2;
    }

    /** The dense kernel matrix between two index lists. */
    public RealMatrix matrix(int[] rows, int[] cols) {
        double[][] a = new double[rows.length][cols.length];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < cols.length; c++) {
                a[r][c] = value(rows[r], cols[c]);
            }
        }
        return new Array2DRowRealMatrix(a, false);
    }
}
