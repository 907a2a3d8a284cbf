package dev.grokphase.app.plot;

import java.util.Objects;

/**
 * One data series of a {@link Figure}.
 *
 * @param name   legend entry
 * @param x      abscissae
 * @param y      ordinates (same length as x)
 * @param err    symmetric error bars (same length), or null for none
 * @param style  how to draw it: theory as a line, experiment as markers
 * @param colour palette index: series that share an index share a colour (e.g. theory and
 *               experiment for the same β)
 */
public record Series(String name, double[] x, double[] y, double[] err, Style style, int colour) {

    /** Drawing styles, chosen to read like a paper figure. */
    public enum Style {
        /** Solid line without markers: a theory curve. */
        LINE,
        /** Dashed line without markers: a secondary theory curve (e.g. a metastable branch). */
        DASHED,
        /** Dotted line: a further curve that may lie on top of a solid or dashed one. */
        DOTTED,
        /** Dash-dotted line: likewise. */
        DASH_DOT,
        /** Markers only (with error bars when {@code err} is given): an experiment. */
        POINTS,
        /** Markers joined by a thin line: an experiment sampled densely (e.g. in time). */
        POINTS_LINE,
        /** Crosses (with error bars): an experiment that did not pass its equilibration check. */
        FLAGGED_POINTS,
        /**
         * A line with the region below it (to the bottom of the plot) filled in a pale tint of its
         * colour. Later series paint over earlier ones, so stacked areas shade the regions between
         * phase boundaries of a phase diagram.
         */
        AREA,
        /**
         * A filled region without outline, its legend entry a filled box: {@code x}, {@code y} are
         * the vertices of a closed polygon (see {@link #region}). For the phases of a phase diagram,
         * with the phase lines as separate {@link #LINE} series.
         */
        REGION,
        /**
         * A stem plot: a thin vertical line from 0 to each y, with a marker at the top; for discrete
         * spectra and histograms over an integer axis.
         */
        STEMS,
        /**
         * A thin line in a pale tint of its colour, not in the legend: one member of an ensemble
         * drawn under its mean (e.g. single networks in time, under the ensemble mean).
         */
        THIN
    }

    /** The line styles in turn, for curves that may coincide (index 0 = solid). */
    public static Style lineStyle(int index) {
        Style[] cycle = {Style.LINE, Style.DASHED, Style.DOTTED, Style.DASH_DOT};
        return cycle[Math.floorMod(index, cycle.length)];
    }

    public Series {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(style, "style");
        if (x.length != y.length || (err != null && err.length != x.length)) {
            throw new IllegalArgumentException("series '" + name + "': x, y and err lengths differ ("
                    + x.length + ", " + y.length + ", " + (err == null ? "-" : err.length) + ")");
        }
    }

    public static Series line(String name, double[] x, double[] y, int colour) {
        return new Series(name, x, y, null, Style.LINE, colour);
    }

    public static Series dashed(String name, double[] x, double[] y, int colour) {
        return new Series(name, x, y, null, Style.DASHED, colour);
    }

    public static Series points(String name, double[] x, double[] y, double[] err, int colour) {
        return new Series(name, x, y, err, Style.POINTS, colour);
    }

    /** An experiment not shown to be at equilibrium: drawn with crosses instead of filled markers. */
    public static Series flaggedPoints(String name, double[] x, double[] y, double[] err, int colour) {
        return new Series(name, x, y, err, Style.FLAGGED_POINTS, colour);
    }

    public static Series area(String name, double[] x, double[] y, int colour) {
        return new Series(name, x, y, null, Style.AREA, colour);
    }

    public static Series styled(String name, double[] x, double[] y, Style style, int colour) {
        return new Series(name, x, y, null, style, colour);
    }

    /** A single member of an ensemble: thin, pale, left out of the legend (see {@link Style#THIN}). */
    public static Series thin(String name, double[] x, double[] y, int colour) {
        return new Series(name, x, y, null, Style.THIN, colour);
    }

    public static Series stems(String name, double[] x, double[] y, int colour) {
        return new Series(name, x, y, null, Style.STEMS, colour);
    }

    /**
     * The region between {@code lower} and {@code upper} over {@code x} (sorted), as one closed
     * polygon: along the lower curve left to right, back along the upper curve.
     */
    public static Series region(String name, double[] x, double[] lower, double[] upper, int colour) {
        int n = x.length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = lower[i];
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = upper[i];
        }
        return new Series(name, px, py, null, Style.REGION, colour);
    }

    public static Series pointsLine(String name, double[] x, double[] y, double[] err, int colour) {
        return new Series(name, x, y, err, Style.POINTS_LINE, colour);
    }
}
