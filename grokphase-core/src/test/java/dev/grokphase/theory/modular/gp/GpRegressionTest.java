package dev.grokphase.theory.modular.gp;

import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GpRegressionTest {

    @Test
    void fourierPathEqualsADenseSolveOnTheFullTable() {
        Random rng = new Random(3);
        for (int p : new int[] {5, 7, 11}) {
            TwoHotTable t = new TwoHotTable(p);
            // σ_a² large enough that all three shrinkages differ visibly from 0 and 1
            QuadraticNngpKernel k = new QuadraticNngpKernel(t, 0.05);
            double sigma2 = 0.2;
            int[] all = QuadraticNngpKernelTest.all(p);
            RealMatrix a = k.matrix(all, all);
            for (int i = 0; i < all.length; i++) {
                a.addToEntry(i, i, sigma2);
            }
            RealMatrix q = k.matrix(all, all);
            var chol = new CholeskyDecomposition(a).getSolver();
            double[] y = new double[t.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = rng.nextGaussian(); // a generic function: all three eigenspaces present
            }
            double[] dense = q.operate(chol.solve(new org.hipparchus.linear.ArrayRealVector(y)).toArray());
            double[] fourier = new FullTableGp(k, sigma2).predict(y, null);
            for (int i = 0; i < y.length; i++) {
                assertThat(fourier[i]).isCloseTo(dense[i], within(1e-12));
            }
            // and the subset path with T = whole table agrees too (training-set predictions)
            SubsetGp sub = new SubsetGp(k, sigma2, all);
            double[] f = sub.predict(t.index(2, 3));
            FullTableGp full = new FullTableGp(k, sigma2);
            for (int c = 0; c < p; c++) {
                double[] yc = new double[t.size()];
                for (int i = 0; i < yc.length; i++) {
                    yc[i] = t.target(c, i);
                }
                assertThat(f[c]).isCloseTo(full.predict(yc, null)[t.index(2, 3)], within(1e-12));
            }
        }
    }

    @Test
    void fullTableFitOfTheTargetIsTheBulkShrinkage() {
        // the target lies in the bulk eigenspace, so f̄ = 4σ_a²/(4σ_a² + σ²)·y and the relative error is |a|_GP
        FullTableGp gp = new FullTableGp(new QuadraticNngpKernel(new TwoHotTable(401), 2e-6), 0.2);
        GpFit fit = gp.fitTarget();
        double shrink = 8e-6 / (8e-6 + 0.2);
        assertThat(gp.bulkShrinkage()).isCloseTo(shrink, within(1e-16));
        assertThat(fit.trainRelRmse()).isCloseTo(1 - shrink, within(1e-9)); // sums of 6.4e7 squares
        // the GP's prediction, though tiny, is proportional to the target: argmax is right everywhere
        assertThat(fit.trainAccuracy()).isEqualTo(1.0);
        assertThat(fit.trainSize()).isEqualTo(401 * 401);
    }

    @Test
    void subsetGpDoesNotGeneraliseOffTheTable() {
        // notes §5.5: the target sits in a (P−1)²-fold degenerate eigenspace, so held-out entries are
        // predicted near the prior mean 0 (relative error ≈ 1) even with half the table (seed 5)
        TwoHotTable t = new TwoHotTable(13);
        int[][] split = SubsetGp.randomSplit(t, 0.5, 5);
        GpFit fit = new SubsetGp(new QuadraticNngpKernel(t, 0.05), 0.01, split[0]).fit(split[1]);
        assertThat(fit.trainSize() + fit.testSize()).isEqualTo(169);
        assertThat(fit.trainRelRmse()).isLessThan(0.2);
        assertThat(fit.testRelRmse()).isGreaterThan(0.9);
    }

    @Test
    void lowRankSubsetPathEqualsTheDenseSolve() {
        for (int p : new int[] {7, 11, 13}) {
            TwoHotTable t = new TwoHotTable(p);
            QuadraticNngpKernel k = new QuadraticNngpKernel(t, 0.05);
            for (double frac : new double[] {0.2, 0.7, 1.0}) {
                int[][] split = SubsetGp.randomSplit(t, frac, 17 + p);
                SubsetGp dense = new SubsetGp(k, 0.1, split[0]);
                LowRankSubsetGp low = new LowRankSubsetGp(k, 0.1, split[0]);
                for (int x = 0; x < t.size(); x++) {
                    double[] a = dense.predict(x);
                    double[] b = low.predict(x);
                    for (int c = 0; c < p; c++) {
                        assertThat(b[c]).isCloseTo(a[c], within(1e-11));
                    }
                }
                GpFit fd = dense.fit(split[1]);
                GpFit fl = low.fit(split[1]);
                assertThat(fl.trainRelRmse()).isCloseTo(fd.trainRelRmse(), within(1e-10));
                if (split[1].length > 0) {
                    assertThat(fl.testRelRmse()).isCloseTo(fd.testRelRmse(), within(1e-10));
                }
            }
        }
    }

    @Test
    void randomSplitIsDeterministicForASeed() {
        TwoHotTable t = new TwoHotTable(7);
        assertThat(SubsetGp.randomSplit(t, 0.3, 9)[0]).containsExactly(SubsetGp.randomSplit(t, 0.3, 9)[0]);
        assertThat(SubsetGp.randomSplit(t, 0.3, 9)[0]).hasSize(15);
    }
}
