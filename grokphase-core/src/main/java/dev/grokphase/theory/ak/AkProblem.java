package dev.grokphase.theory.ak;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.net.Activation;
import dev.grokphase.param.Require;
import dev.grokphase.task.Dataset;

/**
 * One data-aware adaptive-kernel problem (paper-notes §3.2–§3.4 on a finite training set): a
 * two-layer network f(x) = Σ_i a_i φ(w_i·x) of width N with priors w ~ N(0, priorVarW·I) and
 * a_i ~ N(0, σ_a²/N) per output channel, observed with noise σ² on n training inputs.
 *
 * @param x          training inputs, n×D row-major
 * @param y          training targets, n×K row-major
 * @param n          number of training points
 * @param inputDim   D
 * @param outputDim  K (1 for the cubic teacher, P for modular addition)
 * @param xTest      test inputs, nTest×D row-major (may be empty)
 * @param nTest      number of test points
 * @param activation φ
 * @param priorVarW  prior variance of each input weight (σ_w²/d for the cubic teacher, 1 for modular)
 * @param sigmaA2    readout scale σ_a² (each a_i has variance σ_a²/N)
 * @param width      N; {@code Double.POSITIVE_INFINITY} gives the NNGP (no adaptation)
 * @param sigma2     noise σ²
 * @param sexticGamma γ of the sextic regulariser Γ of notes §5.6 added to the single-neuron action, as the
 *                   Langevin trainer adds it (modular two-hot inputs, D = 2P, only; 0 = off)
 */
public record AkProblem(double[] x, double[] y, int n, int inputDim, int outputDim,
                        double[] xTest, int nTest, Activation activation,
                        double priorVarW, double sigmaA2, double width, double sigma2,
                        double sexticGamma) {

    public AkProblem {
        Require.positive("training points", n);
        Require.positive("input dimension", inputDim);
        Require.positive("output dimension", outputDim);
        Require.atLeast("test points", nTest, 0);
        if (x.length != (long) n * inputDim || y.length != (long) n * outputDim
                || xTest.length != (long) nTest * inputDim) {
            throw new IllegalArgumentException("problem arrays do not match n×D, n×K, nTest×D");
        }
        if (activation == null) {
            throw GrokphaseException.invalid("--activation", null, "choose erf|square|relu|linear");
        }
        Require.positive("prior variance of w", priorVarW);
        Require.positive("--sigma-a2", sigmaA2);
        if (!(width > 0)) {
            throw GrokphaseException.outOfRange("--N", width, "(0, ∞]");
        }
        Require.positive("--sigma2", sigma2);
        Require.nonNegative("--gamma", sexticGamma);
        if (sexticGamma > 0 && inputDim % 2 != 0) {
            throw GrokphaseException.invalid("--gamma", sexticGamma, "the sextic regulariser needs two-hot inputs of dimension 2P");
        }
    }

    /** The problem on a generated dataset's training and test sets. */
    public static AkProblem of(Dataset data, Activation activation, double priorVarW, double sigmaA2,
                               double width, double sigma2) {
        return new AkProblem(data.xTrain(), data.yTrain(), data.nTrain(), data.inputDim(), data.outputDim(),
                data.xTest(), data.nTest(), activation, priorVarW, sigmaA2, width, sigma2, 0);
    }

    /** κ = σ_a²/N, the strength of the tilt (κ/2)|t̄ᵀφ(Xw)|² in the single-neuron action. */
    public double kappa() {
        return Double.isInfinite(width) ? 0 : sigmaA2 / width;
    }

    /** The same problem with another noise σ² (a sweep point). */
    public AkProblem withSigma2(double s2) {
        return new AkProblem(x, y, n, inputDim, outputDim, xTest, nTest, activation, priorVarW, sigmaA2, width, s2, sexticGamma);
    }

    /** The same problem with the sextic regulariser γ (modular). */
    public AkProblem withSexticGamma(double gamma) {
        return new AkProblem(x, y, n, inputDim, outputDim, xTest, nTest, activation, priorVarW, sigmaA2, width, sigma2, gamma);
    }

    /** True when E(−w) = E(w), so the sign flip w → −w is an exact symmetry of p(w). */
    boolean signSymmetric() {
        return activation != Activation.RELU;
    }
}
