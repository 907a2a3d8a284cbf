package dev.grokphase.net;

/**
 * Readout parametrisation. STANDARD: f = s·Σ_i a_i φ(w_i·x). MEAN_FIELD: f = (s/N)·Σ_i a_i φ(w_i·x)
 * (the 1/N output normalisation of Gromov's setting, notes §5.9 [S]). The engine folds the 1/N
 * into the output multiplier ({@link NetworkSpec#effectiveScale()}); the prior on a is whatever
 * the {@link Prior} says, independently of the readout.
 */
public enum Readout {
    STANDARD,
    MEAN_FIELD
}
