package dev.grokphase.theory.modular.gp;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * GP regression on any subset T of the table, exploiting that the NNGP kernel is the identity
 * plus a matrix of rank ≤ 2P + 1 (notes §5.5). On distinct table entries
 *
 * <pre>
 *   Q_TT + σ²I = c·I + U D Uᵀ,   c = 4σ_a² + σ²,   U = [1 | R | C],   D = σ_a² diag(4, 2·I_P, 2·I_P),
 * </pre>
 *
 * where R (C) is the one-hot matrix of each entry's row n (column m). With Z = M⁻¹UᵀY,
 * M = cD⁻¹ + UᵀU ((2P+1)², Woodbury), the posterior mean at any entry x is
 * f(x) = U_x Z + 4σ_a² α_x with α_x = (y_x − U_x Z)/c for x ∈ T and 0 otherwise. Cost
 * O(|T|·P + P³) instead of O(|T|³), so P = 401 with half the table runs in seconds; it agrees with
 * the dense {@link SubsetGp} to rounding (GpRegressionTest).
 */
public final class LowRankSubsetGp extends TrainedGp {

    private final int p;
    private final double[][] z;
    private final double c;
    private final double sigmaA2;
    private final boolean[] inTrain;

    public LowRankSubsetGp(QuadraticNngpKernel kernel, double sigma2, int[] train) {
        super(kernel, train);
        TwoHotTable t = kernel.table();
        this.p = t.p();
        this.sigmaA2 = kernel.sigmaA2();
        this.c = 4 * sigmaA2 + sigma2;
        int dim = 2 * p + 1;
        this.inTrain = new boolean[t.size()];
        double[][] m = new double[dim][dim];
        double[][] b = new double[dim][p];
        m[0][0] = c / (4 * sigmaA2);
        for (int r = 1; r < dim; r++) {
            m[r][r] = c / (2 * sigmaA2);
        }
        double inv = 1.0 / p;
        for (int x : train) {
            if (inTrain[x]) {
                throw new IllegalArgumentException("duplicate training entry " + x);
            }
            inTrain[x] = true;
            int rn = 1 + t.n(x);
            int rm = 1 + p + t.m(x);
            m[0][0] += 1;
            m[0][rn] += 1;
            m[rn][0] += 1;
            m[0][rm] += 1;
            m[rm][0] += 1;
            m[rn][rn] += 1;
            m[rm][rm] += 1;
            m[rn][rm] += 1;
            m[rm][rn] += 1;
            // UᵀY for the target y_c(x) = δ_{c,label} − 1/P: the −1/P part is added in bulk below
            int label = t.label(x);
            b[0][label] += 1;
            b[rn][label] += 1;
            b[rm][label] += 1;
        }
        int[] rowCount = new int[p];
        int[] colCount = new int[p];
        for (int x : train) {
            rowCount[t.n(x)]++;
            colCount[t.m(x)]++;
        }
        for (int ch = 0; ch < p; ch++) {
            b[0][ch] -= train.length * inv;
            for (int r = 0; r < p; r++) {
                b[1 + r][ch] -= rowCount[r] * inv;
                b[1 + p + r][ch] -= colCount[r] * inv;
            }
        }
        RealMatrix zm;
        try {
            zm = new CholeskyDecomposition(new Array2DRowRealMatrix(m, false), 1e-12, 0.0).getSolver()
                    .solve(new Array2DRowRealMatrix(b, false));
        } catch (RuntimeException e) {
            throw new GrokphaseException(ErrorCode.DIVERGED, "GP Woodbury matrix is not positive definite at sigma2 = " + sigma2, e);
        }
        this.z = zm.getData();
    }

    @Override
    public double[] predict(int x) {
        TwoHotTable t = kernel.table();
        double[] z0 = z[0];
        double[] zn = z[1 + t.n(x)];
        double[] zm = z[1 + p + t.m(x)];
        double[] f = new double[p];
        for (int ch = 0; ch < p; ch++) {
            f[ch] = z0[ch] + zn[ch] + zm[ch];
        }
        if (inTrain[x]) {
            for (int ch = 0; ch < p; ch++) {
                double alpha = (t.target(ch, x) - f[ch]) / c;
                f[ch] += 4 * sigmaA2 * alpha;
            }
        }
        return f;
    }
}
