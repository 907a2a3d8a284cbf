package dev.grokphase.theory.ak;

import dev.grokphase.random.RandomStream;
import dev.grokphase.task.Dataset;
import dev.grokphase.task.Targets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AdditionTableSymmetryTest {

    private static Dataset table(int p, double fraction) {
        return ModularDataTheory.datasets(new ModularDataTheory.Point(p, fraction, Targets.CENTRED, 100, 1e-3, 0.01, 0), 5, 1).get(0);
    }

    @Test
    void onlyTheFullTableHasTheSymmetry() {
        assertThat(AdditionTableSymmetry.of(table(7, 1.0))).isNotNull();
        assertThat(AdditionTableSymmetry.of(table(7, 0.5))).isNull();
    }

    @Test
    void anInvariantKernelIsLeftAlone() {
        // the NNGP kernel σ_a²[4 + 2δ_nn' + 2δ_mm' + 4δ_nn'δ_mm'] is invariant under shifts and multiplications
        int p = 7;
        Dataset ds = table(p, 1.0);
        int n = ds.nTrain();
        double[] q = new double[n * n];
        int[] rn = new int[n];
        int[] rm = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                if (ds.xTrain()[i * 2 * p + j] == 1) rn[i] = j;
                if (ds.xTrain()[i * 2 * p + p + j] == 1) rm[i] = j;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int dn = rn[i] == rn[j] ? 1 : 0;
                int dm = rm[i] == rm[j] ? 1 : 0;
                q[i * n + j] = 0.3 * (4 + 2 * dn + 2 * dm + 4 * dn * dm);
            }
        }
        double[] before = q.clone();
        AdditionTableSymmetry.of(ds).symmetrise(q, n);
        for (int i = 0; i < n * n; i++) {
            assertThat(q[i]).isCloseTo(before[i], within(1e-12));
        }
    }

    @Test
    void theAverageIsInvariantAndAProjection() {
        int p = 5;
        Dataset ds = table(p, 1.0);
        int n = ds.nTrain();
        RandomStream rng = RandomStream.fromSeed(2);
        double[] q = new double[n * n];
        double trace = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = rng.nextGaussian();
                q[i * n + j] = v;
                q[j * n + i] = v;
            }
            trace += q[i * n + i];
        }
        AdditionTableSymmetry sym = AdditionTableSymmetry.of(ds);
        sym.symmetrise(q, n);
        double traceAfter = 0;
        for (int i = 0; i < n; i++) {
            traceAfter += q[i * n + i];
        }
        assertThat(traceAfter).isCloseTo(trace, within(1e-9)); // an average of permuted copies keeps the trace
        double[] once = q.clone();
        sym.symmetrise(q, n);
        for (int i = 0; i < n * n; i++) {
            assertThat(q[i]).isCloseTo(once[i], within(1e-12));
        }
        for (int i = 0; i < n; i++) { // symmetric
            for (int j = 0; j < n; j++) {
                assertThat(q[i * n + j]).isCloseTo(q[j * n + i], within(1e-12));
            }
        }
    }
}
