package dev.grokphase.task;

import dev.grokphase.param.Require;
import dev.grokphase.random.RandomStream;
import dev.grokphase.random.SeedTree;

/**
 * Addition modulo a prime P (notes §5.1): the input of the pair (n, m) is two-hot in R^{2P}
 * (a 1 at n and at P + m), the target is the one-hot (or centred one-hot) vector of (n+m) mod P.
 *
 * <p>With {@code trainFraction = 1} the training set is the full P² table in row order
 * (n major) and the test set is empty — the paper's continuum setting. Otherwise the P² pairs
 * are shuffled with stream "split" and the first round(f·P²) are the training set, the rest the
 * test set (at least one pair on each side). With {@code labelNoise = q}, each training label is,
 * with probability q (stream "noise"), replaced by a uniformly random different class; test
 * labels are never noisy.
 *
 * @param P             prime modulus (--P)
 * @param trainFraction fraction of the P² pairs used for training, in (0, 1] (--train-fraction)
 * @param targets       onehot or centred (--targets)
 * @param labelNoise    probability of corrupting a training label, in [0, 1) (--label-noise)
 */
public record ModularAdditionTask(int P, double trainFraction, Targets targets, double labelNoise) {

    public ModularAdditionTask {
        Require.prime("--P", P);
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw dev.grokphase.error.GrokphaseException.outOfRange("--train-fraction", trainFraction, "(0, 1]");
        }
        if (targets == null) {
            throw dev.grokphase.error.GrokphaseException.invalid("--targets", null, "choose onehot or centred");
        }
        if (!(labelNoise >= 0 && labelNoise < 1)) {
            throw dev.grokphase.error.GrokphaseException.outOfRange("--label-noise", labelNoise, "[0, 1)");
        }
    }

    public Dataset generate(SeedTree data) {
        int total = P * P;
        int[] order = new int[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        int nTrain;
        if (trainFraction >= 1) {
            nTrain = total;
        } else {
            data.stream("split").shuffle(order);
            nTrain = (int) Math.round(trainFraction * total);
            nTrain = Math.max(1, Math.min(total - 1, nTrain));
        }
        int nTest = total - nTrain;
        int[] trainPairs = new int[2 * nTrain];
        int[] testPairs = new int[2 * nTest];
        int[] trainLabels = new int[nTrain];
        int[] testLabels = new int[nTest];
        RandomStream noise = data.stream("noise");
        for (int r = 0; r < nTrain; r++) {
            int pair = order[r];
            trainPairs[2 * r] = pair / P;
            trainPairs[2 * r + 1] = pair % P;
            int label = (pair / P + pair % P) % P;
            if (labelNoise > 0 && noise.nextDouble() < labelNoise) {
                label = (label + 1 + noise.nextInt(P - 1)) % P;
            }
            trainLabels[r] = label;
        }
        for (int r = 0; r < nTest; r++) {
            int pair = order[nTrain + r];
            testPairs[2 * r] = pair / P;
            testPairs[2 * r + 1] = pair % P;
            testLabels[r] = (pair / P + pair % P) % P;
        }
        return new Dataset("modular", twoHot(trainPairs, nTrain), encode(trainLabels), nTrain,
                twoHot(testPairs, nTest), encode(testLabels), nTest, 2 * P, P, null, P,
                trainPairs, testPairs, trainLabels, testLabels);
    }

    private double[] twoHot(int[] pairs, int rows) {
        double[] x = new double[rows * 2 * P];
        for (int r = 0; r < rows; r++) {
            x[r * 2 * P + pairs[2 * r]] = 1;
            x[r * 2 * P + P + pairs[2 * r + 1]] = 1;
        }
        return x;
    }

    private double[] encode(int[] labels) {
        double[] y = new double[labels.length * P];
        double shift = targets == Targets.CENTRED ? 1.0 / P : 0.0;
        for (int r = 0; r < labels.length; r++) {
            for (int p = 0; p < P; p++) {
                y[r * P + p] = (p == labels[r] ? 1.0 : 0.0) - shift;
            }
        }
        return y;
    }
}
