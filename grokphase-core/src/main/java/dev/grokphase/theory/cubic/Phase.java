package dev.grokphase.theory.cubic;

/**
 * The learning phases of notes §3.8 as read for model 1 (docs/theory.md, "model 1", gives the exact
 * criteria): GFL, a single well at q = 0; GMFL-I, the zero well and the side wells at ±q* are
 * degenerate and a self-tuned droplet weight ω sits in the side wells; GMFL-II, the side wells hold
 * every neuron (droplet fraction 1 in the thermodynamic solver, ≥ 1/2 at finite d) and are strictly
 * lower than the zero well.
 */
public enum Phase {
    GFL("GFL"), GMFL_I("GMFL-I"), GMFL_II("GMFL-II");

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
