package dev.grokphase.app.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The description of one figure: axes, series, shaded bands and a caption. Immutable; build it
 * with {@link #builder(String)}.
 *
 * @param id      file stem and HTML anchor (e.g. {@code fig2c})
 * @param title   short title drawn above the plot
 * @param xLabel  x axis label with symbol and units, e.g. "noise σ² (Langevin temperature)"
 * @param yLabel  y axis label
 * @param caption one or more sentences naming the parameter set; drawn under the plot
 * @param logX    logarithmic x axis (values ≤ 0 are dropped, and a note says how many)
 * @param logY    logarithmic y axis (likewise)
 * @param xMin    fixed axis limits, or null for automatic
 */
public record Figure(String id, String title, String xLabel, String yLabel, String caption,
                     boolean logX, boolean logY, Double xMin, Double xMax, Double yMin, Double yMax,
                     List<Series> series, List<Band> bands, List<String> notes) {

    public Figure {
        Objects.requireNonNull(id, "id");
        series = List.copyOf(series);
        bands = List.copyOf(bands);
        notes = List.copyOf(notes);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The same figure under another id (file stem and anchor). */
    public Figure withId(String newId) {
        return new Figure(newId, title, xLabel, yLabel, caption, logX, logY, xMin, xMax, yMin, yMax,
                series, bands, notes);
    }

    /** True when at least one series has a finite point to draw. */
    public boolean hasData() {
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Mutable builder; every setter returns this. */
    public static final class Builder {
        private final String id;
        private String title = "";
        private String xLabel = "";
        private String yLabel = "";
        private String caption = "";
        private boolean logX;
        private boolean logY;
        private Double xMin;
        private Double xMax;
        private Double yMin;
        private Double yMax;
        private final List<Series> series = new ArrayList<>();
        private final List<Band> bands = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(String id) {
            this.id = id;
        }

        public Builder title(String v) { title = v; return this; }
        public Builder xLabel(String v) { xLabel = v; return this; }
        public Builder yLabel(String v) { yLabel = v; return this; }
        public Builder caption(String v) { caption = v; return this; }
        public Builder logX(boolean v) { logX = v; return this; }
        public Builder logY(boolean v) { logY = v; return this; }
        public Builder xRange(Double min, Double max) { xMin = min; xMax = max; return this; }
        public Builder yRange(Double min, Double max) { yMin = min; yMax = max; return this; }
        public Builder add(Series s) { series.add(s); return this; }
        public Builder band(Band b) { bands.add(b); return this; }
        public Builder note(String n) { notes.add(n); return this; }

        public Figure build() {
            return new Figure(id, title, xLabel, yLabel, caption, logX, logY, xMin, xMax, yMin, yMax,
                    series, bands, notes);
        }
    }
}
