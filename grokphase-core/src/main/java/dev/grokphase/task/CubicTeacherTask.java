package dev.grokphase.task;

import dev.grokphase.param.Require;
import dev.grokphase.random.RandomStream;
import dev.grokphase.random.SeedTree;

/**
 * The teacher of notes §4.1: x ~ N(0, I_d), y = H_1(w*·x) + ε·H_3(w*·x) with H_3(z) = z³ − 3z and
 * |w*| = 1. The teacher direction is a uniformly random unit vector (rotation invariance makes
 * any choice equivalent, §4.1 [I]) from stream "teacher"; train and test inputs come from streams
 * "train" and "test" of the data seed tree, so changing nTest never changes the training set.
 *
 * @param d     input dimension (--d)
 * @param n     training points (--n)
 * @param nTest test points (--n-test)
 * @param eps   cubic coefficient ε (--eps)
 */
public record CubicTeacherTask(int d, int n, int nTest, double eps) {

    public CubicTeacherTask {
        Require.positive("--d", d);
        Require.positive("--n", n);
        Require.atLeast("--n-test", nTest, 0);
        Require.finite("--eps", eps);
    }

    /** Builds the dataset from the data seed tree (streams "teacher", "train", "test"). */
    public Dataset generate(SeedTree data) {
        double[] wStar = new double[d];
        RandomStream teacher = data.stream("teacher");
        double norm2;
        do {
            teacher.fillGaussian(wStar, 0, d, 1.0);
            norm2 = 0;
            for (double v : wStar) {
                norm2 += v * v;
            }
        } while (norm2 == 0);
        double inv = 1 / Math.sqrt(norm2);
        for (int j = 0; j < d; j++) {
            wStar[j] *= inv;
        }
        double[] xTrain = new double[n * d];
        double[] yTrain = new double[n];
        fill(data.stream("train"), wStar, xTrain, yTrain, n);
        double[] xTest = new double[nTest * d];
        double[] yTest = new double[nTest];
        fill(data.stream("test"), wStar, xTest, yTest, nTest);
        return new Dataset("cubic", xTrain, yTrain, n, xTest, yTest, nTest, d, 1, wStar, 0,
                null, null, null, null);
    }

    /** y(x) = z + ε(z³ − 3z), z = w*·x (the |w*|² of §4.1 is 1). */
    public double target(double z) {
        return z + eps * (z * z * z - 3 * z);
    }

    private void fill(RandomStream rng, double[] wStar, double[] x, double[] y, int rows) {
        rng.fillGaussian(x, 0, rows * d, 1.0);
        for (int mu = 0; mu < rows; mu++) {
            double z = 0;
            for (int j = 0; j < d; j++) {
                z += wStar[j] * x[mu * d + j];
            }
            y[mu] = target(z);
        }
    }
}
