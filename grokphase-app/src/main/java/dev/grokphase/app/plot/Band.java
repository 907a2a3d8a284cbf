package dev.grokphase.app.plot;

/**
 * A shaded vertical region of the x axis, e.g. the σ² interval of one learning phase
 * (GFL / GMFL-I / GMFL-II, notes §3.8). XChart has no band primitive; the renderer paints it as
 * a translucent rectangle behind a label.
 *
 * @param from   left edge (data units)
 * @param to     right edge (data units), {@code from < to}
 * @param label  text written at the top of the band (the phase name)
 * @param colour one of the phase colours
 */
public record Band(double from, double to, String label, PhaseColour colour) {

    public Band {
        if (!(from < to)) {
            throw new IllegalArgumentException("band '" + label + "': from = " + from + " must be < to = " + to);
        }
    }

    /** The colours of the three phases, the same in every figure. */
    public enum PhaseColour {
        GFL(new java.awt.Color(70, 130, 180)),
        GMFL_I(new java.awt.Color(255, 165, 0)),
        GMFL_II(new java.awt.Color(148, 0, 211)),
        NEUTRAL(new java.awt.Color(128, 128, 128));

        final java.awt.Color rgb;

        PhaseColour(java.awt.Color rgb) {
            this.rgb = rgb;
        }
    }
}
