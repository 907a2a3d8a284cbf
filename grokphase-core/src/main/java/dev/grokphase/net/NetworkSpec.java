package dev.grokphase.net;

import dev.grokphase.param.Require;

/**
 * Shape and form of a two-layer network.
 *
 * @param width       hidden width N (--N)
 * @param inputDim    D (d, or 2P for two-hot inputs)
 * @param outputDim   K (1 for the cubic teacher, P for modular addition)
 * @param activation  φ (--activation)
 * @param readout     standard or mean-field (--readout)
 * @param outputScale output multiplier s (--output-scale)
 */
public record NetworkSpec(int width, int inputDim, int outputDim, Activation activation, Readout readout,
                          double outputScale) {

    public NetworkSpec {
        Require.positive("--N", width);
        Require.positive("input dimension", inputDim);
        Require.positive("output dimension", outputDim);
        if (activation == null) {
            throw dev.grokphase.error.GrokphaseException.invalid("--activation", null, "choose erf|square|relu|linear");
        }
        if (readout == null) {
            throw dev.grokphase.error.GrokphaseException.invalid("--readout", null, "choose standard|mean-field");
        }
        Require.finite("--output-scale", outputScale);
        if (outputScale == 0) {
            throw dev.grokphase.error.GrokphaseException.outOfRange("--output-scale", outputScale, "non-zero");
        }
    }

    /** Standard readout, s = 1: the networks of the paper. */
    public static NetworkSpec standard(int width, int inputDim, int outputDim, Activation activation) {
        return new NetworkSpec(width, inputDim, outputDim, activation, Readout.STANDARD, 1.0);
    }

    /** The multiplier actually applied: s, or s/N for the mean-field readout. */
    public double effectiveScale() {
        return readout == Readout.MEAN_FIELD ? outputScale / width : outputScale;
    }

    public int sizeW() {
        return width * inputDim;
    }

    public int sizeA() {
        return outputDim * width;
    }
}
