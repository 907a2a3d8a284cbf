package dev.grokphase.task;

/**
 * Train and test arrays of one task, row-major: {@code xTrain} is nTrain×inputDim,
 * {@code yTrain} is nTrain×outputDim (likewise for the test set, which may be empty).
 *
 * @param task           "cubic" or "modular"
 * @param teacherDirection cubic: the unit teacher direction w* (length inputDim); modular: null
 * @param modulus        modular: the prime P (inputDim = 2P, outputDim = P); cubic: 0
 * @param trainPairs     modular: (n, m) of each train row, interleaved (length 2·nTrain); cubic: null
 * @param testPairs      modular: (n, m) of each test row; cubic: null
 * @param trainLabels    modular: the class (n+m mod P, or the noisy label) of each train row; cubic: null
 * @param testLabels     modular: the class of each test row (never noisy); cubic: null
 */
public record Dataset(String task, double[] xTrain, double[] yTrain, int nTrain,
                      double[] xTest, double[] yTest, int nTest, int inputDim, int outputDim,
                      double[] teacherDirection, int modulus, int[] trainPairs, int[] testPairs,
                      int[] trainLabels, int[] testLabels) {

    public Dataset {
        if (xTrain.length != (long) nTrain * inputDim || yTrain.length != (long) nTrain * outputDim
                || xTest.length != (long) nTest * inputDim || yTest.length != (long) nTest * outputDim) {
            throw new IllegalArgumentException("dataset arrays do not match n×D and n×K");
        }
    }

    /** Alias of {@link #inputDim()} (contract name D). */
    public int D() {
        return inputDim;
    }

    /** Alias of {@link #outputDim()} (contract name K). */
    public int K() {
        return outputDim;
    }

    /** Cubic: the teacher direction w*; alias used by the run layer. */
    public double[] wStar() {
        return teacherDirection;
    }

    /** Modular: the prime P. */
    public int P() {
        return modulus;
    }
}
