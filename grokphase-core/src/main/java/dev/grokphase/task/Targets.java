package dev.grokphase.task;

/** Target encoding for modular addition (notes §5.1). */
public enum Targets {
    /** y_p = δ_{p,c}: what cross-entropy and Gromov's MSE runs use. */
    ONEHOT,
    /** y_p = δ_{p,c} − 1/P: the paper's centred targets, with no zero Fourier mode (§5.1). */
    CENTRED
}
