package dev.grokphase.net;

import dev.grokphase.param.Require;

/**
 * Independent Gaussian prior on every weight (notes §2.1–2.2): each component of w_i has variance
 * {@code varW}, each a_{p,i} has variance {@code varA}.
 */
public record Prior(double varW, double varA) {

    public Prior {
        Require.positive("prior variance of w", varW);
        Require.positive("prior variance of a", varA);
    }

    /** Teacher-student (§2.1): Var w = σ_w²/d, Var a = σ_a²/N. */
    public static Prior cubic(double sigmaW2, int d, double sigmaA2, int width) {
        Require.positive("--sigma-w2", sigmaW2);
        Require.positive("--sigma-a2", sigmaA2);
        return new Prior(sigmaW2 / d, sigmaA2 / width);
    }

    /** Modular (§2.1): Var w = inputVariance (1 in the paper), Var a = σ_a²/N. */
    public static Prior modular(double inputVariance, double sigmaA2, int width) {
        Require.positive("--sigma-w2", inputVariance);
        Require.positive("--sigma-a2", sigmaA2);
        return new Prior(inputVariance, sigmaA2 / width);
    }
}
