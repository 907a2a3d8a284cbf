package dev.grokphase.theory.modular.gp;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.RealMatrix;

import java.util.Random;

/**
 * GP regression with the NNGP kernel trained on any subset T of the table (notes §5.5, §3.4):
 * f̄(x) = Q(x, T)[Q_TT + σ²I]⁻¹ y_T, for all P output channels at once, by a dense Cholesky
 * factorisation (Hipparchus). No jitter is added: Q is positive semi-definite and σ² &gt; 0 is the
 * regulariser, so the factorisation is of a matrix with eigenvalues ≥ σ². Cost O(|T|³), so this
 * path is for |T| up to a few thousand; the full table goes through {@link FullTableGp}.
 */
public final class SubsetGp extends TrainedGp {

    /** Largest training set the dense path accepts (a 4000² Cholesky is ~20 s in Hipparchus). */
    public static final int MAX_TRAIN = 4000;

    private final RealMatrix alpha;

    public SubsetGp(QuadraticNngpKernel kernel, double sigma2, int[] train) {
        super(kernel, checkSize(train));
        RealMatrix a = kernel.matrix(train, train);
        for (int i = 0; i < train.length; i++) {
            a.addToEntry(i, i, sigma2);
        }
        DecompositionSolver solver;
        try {
            solver = new CholeskyDecomposition(a, 1e-12, 0.0).getSolver();
        } catch (RuntimeException e) {
            throw new GrokphaseException(ErrorCode.DIVERGED, "GP kernel matrix is not positive definite at sigma2 = " + sigma2, e);
        }
        TwoHotTable t = kernel.table();
        double[][] y = new double[train.length][t.p()];
        for (int r = 0; r < train.length; r++) {
            for (int c = 0; c < t.p(); c++) {
                y[r][c] = t.target(c, train[r]);
            }
        }
        this.alpha = solver.solve(new Array2DRowRealMatrix(y, false));
    }

    private static int[] checkSize(int[] train) {
        if (train.length == 0 || train.length > MAX_TRAIN) {
            throw GrokphaseException.outOfRange("training-set size", train.length, "[1, " + MAX_TRAIN + "] for the dense GP");
        }
        return train;
    }

    @Override
    public double[] predict(int x) {
        int p = kernel.table().p();
        double[] f = new double[p];
        for (int r = 0; r < train.length; r++) {
            double k = kernel.value(x, train[r]);
            for (int c = 0; c < p; c++) {
                f[c] += k * alpha.getEntry(r, c);
            }
        }
        return f;
    }

    /**
     * A random split of the table: the first {@code round(fraction·P²)} entries of a seeded
     * Fisher–Yates shuffle are the training set, the rest the test set. Returns {train, test}.
     */
    public static int[][] randomSplit(TwoHotTable table, double fraction, long seed) {
        int size = table.size();
        int nTrain = (int) Math.round(fraction * size);
        int[] perm = new int[size];
        for (int i = 0; i < size; i++) {
            perm[i] = i;
        }
        Random rng = new Random(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        int[] train = java.util.Arrays.copyOfRange(perm, 0, nTrain);
        int[] test = java.util.Arrays.copyOfRange(perm, nTrain, size);
        java.util.Arrays.sort(train);
        java.util.Arrays.sort(test);
        return new int[][] {train, test};
    }
}
