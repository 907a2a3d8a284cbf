package dev.grokphase.experiment;

/**
 * The arrays observables are computed on, in the contract's conventions: x n×D, y n×K row-major.
 *
 * @param wStar cubic task: the teacher direction (unit norm, length D); null otherwise
 * @param p     modular task: the modulus; 0 otherwise
 */
public record EvalData(double[] xTrain, double[] yTrain, int nTrain, double[] xTest, double[] yTest, int nTest,
                       int dim, int outputs, double[] wStar, int p) {
}
