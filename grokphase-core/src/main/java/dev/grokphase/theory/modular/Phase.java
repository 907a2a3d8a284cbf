package dev.grokphase.theory.modular;

/** Learning phases of notes §3.8, as they appear for the modular model (§5.7). */
public enum Phase {
    /** Only the zero saddle of each mode matters; |a| ≈ 1 (continuously connected to the GP). */
    GFL("GFL"),
    /** Zero and non-zero saddles degenerate; a fraction f_drop of modes are "droplets". */
    GMFL_I("GMFL-I"),
    /** The non-zero saddle dominates every mode (f_drop ≈ 1). */
    GMFL_II("GMFL-II");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    /** The paper's spelling: GFL, GMFL-I, GMFL-II. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
