package dev.grokphase.train;

/** Arithmetic of the hot loop (--precision). Observables are always computed in float64. */
public enum Precision {
    FLOAT64,
    FLOAT32;

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
