package dev.grokphase.theory.ak;

import dev.grokphase.task.Dataset;

/**
 * The symmetries of the full addition table mod P (paper-notes §5.3): the shifts
 * (n, m) → (n + q, m + q') and the multiplications (n, m) → (cn, cm), c ≠ 0. On the full table with
 * centred targets they map the training set onto itself (the labels move with the inputs, and every
 * output channel shares one kernel), the prior and the sextic Γ are invariant under the matching
 * permutations of w and v, and so is the tilt once t̄ is — so the self-consistent Q depends only on
 * the differences (n' − n, m' − m), up to a common multiplication. Averaging the sampled Q̂ over
 * these P²(P − 1) maps leaves (P² − 1)/(P − 1) + 1 = P + 2 distinct kernel values instead of n(n + 1)/2
 * noisy ones, and t̄ then lies exactly along the targets, as the symmetry requires.
 *
 * <p>Only for the full table: a subset of pairs is not mapped onto itself ({@link #of} returns null).
 */
public final class AdditionTableSymmetry implements KernelSymmetry {

    private final int p;
    private final int[] rowN;
    private final int[] rowM;

    private AdditionTableSymmetry(int p, int[] rowN, int[] rowM) {
        this.p = p;
        this.rowN = rowN;
        this.rowM = rowM;
    }

    /** The symmetry of a modular dataset's training pairs, or null unless they are the full P² table. */
    public static AdditionTableSymmetry of(Dataset data) {
        int p = data.modulus();
        int n = data.nTrain();
        if (p < 2 || n != p * p || data.inputDim() != 2 * p) {
            return null;
        }
        int[] rowN = new int[n];
        int[] rowM = new int[n];
        boolean[] seen = new boolean[n];
        double[] x = data.xTrain();
        for (int i = 0; i < n; i++) {
            int a = -1;
            int b = -1;
            for (int j = 0; j < p; j++) {
                if (x[i * 2 * p + j] == 1) a = j;
                if (x[i * 2 * p + p + j] == 1) b = j;
            }
            if (a < 0 || b < 0 || seen[a * p + b]) {
                return null;
            }
            seen[a * p + b] = true;
            rowN[i] = a;
            rowM[i] = b;
        }
        return new AdditionTableSymmetry(p, rowN, rowM);
    }

    @Override
    public void symmetrise(double[] q, int n) {
        // shifts: average over pairs with the same difference (dn, dm) (each difference occurs P² times)
        double[] byDiff = new double[p * p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                byDiff[diff(i, j)] += q[i * n + j];
            }
        }
        // multiplications: average each difference over its orbit {(c·dn, c·dm)}
        double[] sym = new double[p * p];
        for (int dn = 0; dn < p; dn++) {
            for (int dm = 0; dm < p; dm++) {
                double s = 0;
                for (int c = 1; c < p; c++) {
                    s += byDiff[(c * dn % p) * p + c * dm % p];
                }
                sym[dn * p + dm] = s / ((double) (p - 1) * p * p);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[i * n + j] = sym[diff(i, j)];
            }
        }
    }

    private int diff(int i, int j) {
        return Math.floorMod(rowN[j] - rowN[i], p) * p + Math.floorMod(rowM[j] - rowM[i], p);
    }
}
