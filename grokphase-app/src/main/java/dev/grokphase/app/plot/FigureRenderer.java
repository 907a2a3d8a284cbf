package dev.grokphase.app.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.grokphase.io.AtomicFiles;

/**
 * Renders a {@link Figure} headless to PNG, SVG or PDF in the style of a paper figure: white
 * background, thin frame, light grid, theory as lines, experiment as markers with error bars, a
 * legend, phase bands, and (optionally) the caption typeset under the axes. Figure files for a
 * paper carry no caption: {@link #write} puts it beside them as {@code .txt} and {@code .tex}.
 *
 * <p>PDF: vector, drawn through pdfbox-graphics2d (XChart's own PDF dependency) with the TrueType
 * files of the font family registered, so the text is real text in an embedded (subset) font, as
 * journals require; a family whose files cannot be found is drawn as outlines.
 *
 * <p>Log axes: XChart rejects values ≤ 0 (DESIGN.md pitfall), so such points are dropped here,
 * explicitly, and a note ("3 points with σ² ≤ 0 not shown on the log axis") is appended to the
 * caption. Non-finite points are dropped likewise.
 */
public final class FigureRenderer {

    /** Okabe–Ito colour-blind-safe palette; index = {@link Series#colour()}. */
    static final Color[] PALETTE = {
            new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
            new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(240, 228, 66)};
    private static final Marker[] MARKERS = {
            SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP,
            SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.OVAL};

    private final int width;
    private final int plotHeight;
    private final String fontFamily;
    private final boolean drawCaption;

    public FigureRenderer() {
        this(720, 480);
    }

    public FigureRenderer(int width, int plotHeight) {
        this(width, plotHeight, true);
    }

    /** @param drawCaption false for the HTML report, which typesets the caption as text under the image */
    public FigureRenderer(int width, int plotHeight, boolean drawCaption) {
        this.width = width;
        this.plotHeight = plotHeight;
        this.fontFamily = greekCapableFamily();
        this.drawCaption = drawCaption;
    }

    /** The caption and notes as they would be typeset (for the HTML figcaption). */
    public static List<String> captionParagraphs(Figure f) {
        Prepared p = prepare(f);
        List<String> out = new ArrayList<>();
        if (f.caption() != null && !f.caption().isBlank()) out.add(f.caption());
        for (String n : p.notes()) out.add("Note: " + n);
        return out;
    }

    /** The font family used: the first installed family that can draw σ, β, ε, Φ and ². */
    public String fontFamily() {
        return fontFamily;
    }

    static String greekCapableFamily() {
        String probe = "σβεΦ²·∗";
        List<String> installed = Arrays.asList(
                GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT));
        for (String family : List.of("DejaVu Sans", "Liberation Sans", "FreeSans", "Noto Sans")) {
            if (installed.contains(family) && new Font(family, Font.PLAIN, 12).canDisplayUpTo(probe) < 0) {
                return family;
            }
        }
        return Font.SANS_SERIF;
    }

    /** PNG bytes at {@code scale}× resolution (2 gives crisp figures on high-DPI screens). */
    public byte[] png(Figure figure, double scale) {
        Prepared p = prepare(figure);
        int h = totalHeight(p);
        BufferedImage img = new BufferedImage((int) Math.round(width * scale), (int) Math.round(h * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.scale(scale, scale);
        paint(g, p, h);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot encode PNG for figure " + figure.id() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** A standalone SVG document. */
    public String svg(Figure figure) {
        Prepared p = prepare(figure);
        int h = totalHeight(p);
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g, p, h);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, h)).writeTo(out);
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot encode SVG for figure " + figure.id() + ": " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A one-page PDF document of the figure's size (1 px = 1 pt), vector, fonts embedded. */
    public byte[] pdf(Figure figure) {
        Prepared p = prepare(figure);
        int h = totalHeight(p);
        try (PDDocument doc = new PDDocument(); PdfBoxGraphics2DFontTextDrawer fonts = new PdfBoxGraphics2DFontTextDrawer()) {
            for (java.io.File ttf : FontFiles.of(fontFamily)) {
                fonts.registerFont(ttf);
            }
            PDPage page = new PDPage(new PDRectangle(width, h));
            doc.addPage(page);
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, width, h);
            g.setFontTextDrawer(fonts);
            paint(g, p, h);
            g.dispose();
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.drawForm(g.getXFormObject());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // PDF 1.5 (transparency), which pdflatex includes without a warning; PDFBox's object
            // streams would raise the version to 1.6. Content streams stay compressed.
            doc.setVersion(1.5f);
            doc.save(out, org.apache.pdfbox.pdfwriter.compress.CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot encode PDF for figure " + figure.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code dir/<id>.png} (2× resolution), {@code .svg} and {@code .pdf}, and the caption as
     * {@code .txt} (plain) and {@code .tex} (a LaTeX figure environment that includes the PDF);
     * returns the PNG path.
     */
    public Path write(Figure figure, Path dir) {
        Path png = dir.resolve(figure.id() + ".png");
        AtomicFiles.write(png, png(figure, 2.0));
        AtomicFiles.writeString(dir.resolve(figure.id() + ".svg"), svg(figure));
        AtomicFiles.write(dir.resolve(figure.id() + ".pdf"), pdf(figure));
        List<String> caption = captionParagraphs(figure);
        AtomicFiles.writeString(dir.resolve(figure.id() + ".txt"),
                (figure.title().isEmpty() ? "" : figure.title() + "\n\n") + String.join("\n\n", caption) + "\n");
        AtomicFiles.writeString(dir.resolve(figure.id() + ".tex"), latex(figure, caption));
        return png;
    }

    /** A LaTeX figure environment: the PDF, the caption (title in bold) and a label {@code fig:<id>}. */
    static String latex(Figure figure, List<String> caption) {
        StringBuilder sb = new StringBuilder();
        sb.append("% ").append(figure.id()).append(".tex: written by grokphase; needs \\usepackage{graphicx}.\n")
                .append("% Use with \\input{").append(figure.id()).append(".tex}, or copy the parts you need.\n")
                .append("\\begin{figure}[tbp]\n  \\centering\n  \\includegraphics[width=\\linewidth]{")
                .append(figure.id()).append(".pdf}\n  \\caption{");
        if (!figure.title().isEmpty()) {
            sb.append("\\textbf{").append(LatexText.escape(figure.title())).append(".} ");
        }
        sb.append(LatexText.escape(String.join(" ", caption))).append("}\n  \\label{fig:").append(figure.id())
                .append("}\n\\end{figure}\n");
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------

    /** The figure after dropping points a log axis or NaN cannot show, with notes saying so. */
    record Prepared(Figure figure, List<Series> series, List<String> notes) {
    }

    static Prepared prepare(Figure f) {
        List<Series> kept = new ArrayList<>();
        List<String> notes = new ArrayList<>(f.notes());
        int droppedLogX = 0;
        int droppedLogY = 0;
        int droppedNaN = 0;
        for (Series s : f.series()) {
            int n = s.x().length;
            double[] x = new double[n];
            double[] y = new double[n];
            double[] e = s.err() == null ? null : new double[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                double xi = s.x()[i];
                double yi = s.y()[i];
                if (!Double.isFinite(xi) || !Double.isFinite(yi)) {
                    droppedNaN++;
                    continue;
                }
                if (f.logX() && xi <= 0) {
                    droppedLogX++;
                    continue;
                }
                if (f.logY() && yi <= 0) {
                    droppedLogY++;
                    continue;
                }
                x[k] = xi;
                y[k] = yi;
                if (e != null) {
                    double ei = s.err()[i];
                    // On a log y axis an error bar reaching below zero cannot be drawn: clip it at y/10.
                    ei = Double.isFinite(ei) ? Math.abs(ei) : 0.0;
                    e[k] = f.logY() ? Math.min(ei, 0.9 * yi) : ei;
                }
                k++;
            }
            if (k > 0) {
                kept.add(new Series(s.name(), Arrays.copyOf(x, k), Arrays.copyOf(y, k),
                        e == null ? null : Arrays.copyOf(e, k), s.style(), s.colour()));
            }
        }
        if (droppedLogX > 0) {
            notes.add(droppedLogX + " point(s) with x ≤ 0 not shown on the logarithmic x axis.");
        }
        if (droppedLogY > 0) {
            notes.add(droppedLogY + " point(s) with y ≤ 0 not shown on the logarithmic y axis.");
        }
        if (droppedNaN > 0) {
            notes.add(droppedNaN + " non-finite point(s) not shown (NaN or infinite: an empty histogram bin, or a diverged run).");
        }
        return new Prepared(f, kept, notes);
    }

    private int totalHeight(Prepared p) {
        return plotHeight + captionHeight(p);
    }

    private int captionHeight(Prepared p) {
        List<String> lines = captionLines(p, measureFont());
        return lines.isEmpty() ? 0 : 12 + lines.size() * 17;
    }

    private Font measureFont() {
        return new Font(fontFamily, Font.PLAIN, 13);
    }

    private List<String> captionLines(Prepared p, Font font) {
        if (!drawCaption) {
            return List.of();
        }
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        // Measure with the hints used for drawing, or wrapped lines can overrun the right edge.
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        List<String> lines = new ArrayList<>();
        List<String> paragraphs = new ArrayList<>();
        if (p.figure().caption() != null && !p.figure().caption().isBlank()) {
            paragraphs.add(p.figure().caption());
        }
        for (String n : p.notes()) {
            paragraphs.add("Note: " + n);
        }
        int maxWidth = width - 40;
        for (String para : paragraphs) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (fm.stringWidth(candidate) > maxWidth && line.length() > 0) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            if (line.length() > 0) {
                lines.add(line.toString());
            }
        }
        g.dispose();
        return lines;
    }

    private void paint(Graphics2D g, Prepared p, int totalHeight) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, totalHeight);
        if (p.series().isEmpty()) {
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(fontFamily, Font.BOLD, 15));
            g.drawString(p.figure().title(), 20, 30);
            g.setFont(new Font(fontFamily, Font.PLAIN, 14));
            g.drawString("No data to plot (see the notes below and the report's tables).", 20, plotHeight / 2);
        } else {
            chart(p).paint(g, width, plotHeight);
        }
        Font font = measureFont();
        List<String> lines = captionLines(p, font);
        g.setFont(font);
        g.setColor(new Color(40, 40, 40));
        FontMetrics fm = g.getFontMetrics();
        int y = plotHeight + 4 + fm.getAscent();
        for (String line : lines) {
            g.drawString(line, 15, y);
            y += 17;
        }
    }

    /**
     * True when consecutive points of the series are everywhere closer than about 1 % of the axis
     * ranges (a few pixels): a theory curve sampled densely, which a spline through its points
     * draws faithfully.
     */
    static boolean dense(Series s, Figure f) {
        int n = s.x().length;
        if (n < 50) return false;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = f.logX() ? Math.log10(s.x()[i]) : s.x()[i];
            y[i] = f.logY() ? Math.log10(s.y()[i]) : s.y()[i];
        }
        double xr = span(x);
        double yr = span(y);
        for (int i = 1; i < n; i++) {
            if ((xr > 0 && Math.abs(x[i] - x[i - 1]) > 0.012 * xr) || (yr > 0 && Math.abs(y[i] - y[i - 1]) > 0.012 * yr)) return false;
        }
        return true;
    }

    private static double span(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        return hi - lo;
    }

    /**
     * The legend text of a series: names longer than {@code max} characters are broken at the space
     * nearest to their middle (XChart draws a "\n" in a legend entry as a line break).
     */
    static String legendLabel(String name, int max) {
        if (name.length() <= max) return name;
        int mid = name.length() / 2;
        int best = -1;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
        }
        return best <= 0 ? name : name.substring(0, best) + "\n" + name.substring(best + 1);
    }

    /** {min, max} of the positive x or y values of the series (error bars included), or {1, 10}. */
    static double[] range(List<Series> series, boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Series s : series) {
            double[] v = x ? s.x() : s.y();
            for (int i = 0; i < v.length; i++) {
                double e = !x && s.err() != null ? s.err()[i] : 0;
                if (v[i] - e > 0) lo = Math.min(lo, v[i] - e);
                if (v[i] > 0) {
                    lo = Math.min(lo, v[i]);
                    hi = Math.max(hi, v[i] + e);
                }
            }
        }
        return hi > 0 ? new double[]{lo, hi} : new double[]{1, 10};
    }

    /**
     * Limits, labelling and number format of a logarithmic axis, chosen so that every axis shows
     * labelled ticks at both ends and no two labels overlap. XChart labels either every decade
     * only, or every 1…9 × 10^k tick: within about one decade the limits are rounded out to the
     * 1…9 grid and every tick is labelled (a range of 1.1…9.3 gets labels 1…10, not 2…9);
     * beyond it only decades are labelled, and the limits are rounded out to decades when fewer
     * than three would be in range. One number format per axis (plain decimals, or 1E-5 style for
     * all labels when some are below 10⁻⁴ or above 10⁵), never a mix.
     */
    record LogAxis(double min, double max, boolean decadeOnly, String pattern) {

        static LogAxis of(double[] dataRange, Double fixedMin, Double fixedMax) {
            double lo = fixedMin != null && fixedMin > 0 ? fixedMin : dataRange[0];
            double hi = fixedMax != null && fixedMax > lo ? fixedMax : Math.max(dataRange[1], lo * 1.0001);
            double gridLo = fixedMin != null ? lo : floorMantissa(lo);
            double gridHi = fixedMax != null ? hi : ceilMantissa(hi);
            boolean decadeOnly = Math.log10(gridHi / gridLo) > 1.05;
            double min = gridLo;
            double max = gridHi;
            if (decadeOnly) {
                min = lo;
                max = hi;
                double firstDecade = Math.ceil(Math.log10(min) - 1e-9);
                double lastDecade = Math.floor(Math.log10(max) + 1e-9);
                // Few decades: round out to whole decades, so both ends carry a label.
                if (lastDecade - firstDecade < 2) {
                    if (fixedMin == null) min = Math.pow(10, Math.floor(Math.log10(lo) + 1e-9));
                    if (fixedMax == null) max = Math.pow(10, Math.ceil(Math.log10(hi) - 1e-9));
                }
            }
            boolean plain = min >= 0.99e-4 && max <= 1.01e5;
            return new LogAxis(min, max, decadeOnly, plain ? "0.#####" : "0E0");
        }

        /** The largest m·10^k (m = 1…9) not above v. */
        static double floorMantissa(double v) {
            double decade = Math.pow(10, Math.floor(Math.log10(v)));
            double m = Math.floor(v / decade + 1e-9);
            return Math.max(1, m) * decade;
        }

        /** The smallest m·10^k (m = 1…10) not below v. */
        static double ceilMantissa(double v) {
            double decade = Math.pow(10, Math.floor(Math.log10(v)));
            double m = Math.ceil(v / decade - 1e-9);
            return Math.max(1, m) * decade;
        }
    }

    XYChart chart(Prepared p) {
        Figure f = p.figure();
        XYChart chart = new XYChart(width, plotHeight);
        chart.setTitle(f.title());
        chart.setXAxisTitle(f.xLabel());
        chart.setYAxisTitle(f.yLabel());
        var st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(true);
        st.setPlotBorderColor(Color.BLACK);
        st.setPlotGridLinesColor(new Color(225, 225, 225));
        st.setPlotGridLinesStroke(new BasicStroke(0.6f));
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(new Font(fontFamily, Font.BOLD, 15));
        st.setAxisTitleFont(new Font(fontFamily, Font.PLAIN, 14));
        st.setAxisTickLabelsFont(new Font(fontFamily, Font.PLAIN, 12));
        st.setLegendFont(new Font(fontFamily, Font.PLAIN, 12));
        st.setAnnotationTextFont(new Font(fontFamily, Font.PLAIN, 12));
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setLegendBorderColor(new Color(180, 180, 180));
        st.setLegendSeriesLineLength(28);
        st.setChartPadding(10);
        st.setMarkerSize(8);
        st.setErrorBarsColorSeriesColor(true);
        st.setAxisTickMarkLength(4);
        st.setPlotMargin(6);
        st.setAxisTicksLineVisible(false);
        // "0.05", not XChart's default ".05".
        if (!f.logX()) st.setXAxisDecimalPattern("0.###");
        if (!f.logY()) st.setYAxisDecimalPattern("0.###");
        st.setLocale(Locale.ROOT);
        st.setXAxisLogarithmic(f.logX());
        st.setYAxisLogarithmic(f.logY());
        if (f.xMin() != null) st.setXAxisMin(f.xMin());
        if (f.xMax() != null) st.setXAxisMax(f.xMax());
        if (f.yMin() != null) st.setYAxisMin(f.yMin());
        if (f.yMax() != null) st.setYAxisMax(f.yMax());
        if (f.logX()) {
            LogAxis a = LogAxis.of(range(p.series(), true), f.xMin(), f.xMax());
            st.setXAxisLogarithmicDecadeOnly(a.decadeOnly()).setXAxisMin(a.min()).setXAxisMax(a.max());
            st.setXAxisDecimalPattern(a.pattern());
        }
        if (f.logY()) {
            LogAxis a = LogAxis.of(range(p.series(), false), f.yMin(), f.yMax());
            st.setYAxisLogarithmicDecadeOnly(a.decadeOnly()).setYAxisMin(a.min()).setYAxisMax(a.max());
            st.setYAxisDecimalPattern(a.pattern());
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Series s : p.series()) {
            // XChart rejects repeated legend names; number the repeats instead of failing.
            String name = s.name();
            for (int k = 2; !names.add(name); k++) {
                name = s.name() + " (" + k + ")";
            }
            XYSeries xs = s.err() == null
                    ? chart.addSeries(name, s.x(), s.y())
                    : chart.addSeries(name, s.x(), s.y(), s.err());
            // A long legend entry takes two lines: one wide entry would squeeze the plot.
            xs.setLabel(legendLabel(s.name(), 24));
            Color c = PALETTE[Math.floorMod(s.colour(), PALETTE.length)];
            xs.setLineColor(c);
            xs.setMarkerColor(c);
            switch (s.style()) {
                case LINE -> {
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    xs.setMarker(SeriesMarkers.NONE);
                    xs.setLineStyle(new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                }
                case DASHED -> {
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    xs.setMarker(SeriesMarkers.NONE);
                    xs.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
                            10f, new float[]{6f, 4f}, 0f));
                    // XChart strokes a plain line segment by segment, restarting the dash at every
                    // point, so a dense curve looked solid; a smooth line is one path. Only dense
                    // curves: on sparse points the spline would invent wiggles between them.
                    xs.setSmooth(dense(s, f));
                }
                case DOTTED, DASH_DOT -> {
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    xs.setMarker(SeriesMarkers.NONE);
                    float[] dash = s.style() == Series.Style.DOTTED ? new float[]{1.5f, 3.5f} : new float[]{8f, 3f, 1.5f, 3f};
                    xs.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
                    xs.setSmooth(dense(s, f)); // one path: the dash pattern runs along the curve (see DASHED)
                }
                case POINTS -> {
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    xs.setMarker(MARKERS[Math.floorMod(s.colour(), MARKERS.length)]);
                }
                case FLAGGED_POINTS -> {
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    xs.setMarker(SeriesMarkers.CROSS);
                }
                case REGION -> {
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                    xs.setMarker(SeriesMarkers.NONE);
                    Color tint = new Color(255 - (255 - c.getRed()) / 3, 255 - (255 - c.getGreen()) / 3, 255 - (255 - c.getBlue()) / 3);
                    xs.setFillColor(tint);
                    xs.setLineColor(tint);
                    xs.setLineStyle(new BasicStroke(0.5f));
                }
                case STEMS -> {
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    xs.setMarker(SeriesMarkers.CIRCLE);
                    for (int i = 0; i < s.x().length; i++) {
                        XYSeries stem = chart.addSeries(name + " stem " + i, new double[]{s.x()[i], s.x()[i]}, new double[]{0, s.y()[i]});
                        stem.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                        stem.setMarker(SeriesMarkers.NONE);
                        stem.setLineColor(c);
                        stem.setLineStyle(new BasicStroke(1.6f));
                        stem.setShowInLegend(false);
                    }
                }
                case AREA -> {
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
                    xs.setMarker(SeriesMarkers.NONE);
                    xs.setLineStyle(new BasicStroke(1.5f));
                    // Opaque pale tint: a stacked area hides the one painted before it below its line.
                    xs.setFillColor(new Color(255 - (255 - c.getRed()) / 4, 255 - (255 - c.getGreen()) / 4, 255 - (255 - c.getBlue()) / 4));
                }
                case THIN -> {
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    xs.setMarker(SeriesMarkers.NONE);
                    Color pale = new Color(255 - (255 - c.getRed()) * 2 / 5, 255 - (255 - c.getGreen()) * 2 / 5, 255 - (255 - c.getBlue()) * 2 / 5);
                    xs.setLineColor(pale);
                    xs.setLineStyle(new BasicStroke(0.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    xs.setShowInLegend(false);
                }
                case POINTS_LINE -> {
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    xs.setMarker(MARKERS[Math.floorMod(s.colour(), MARKERS.length)]);
                    xs.setLineStyle(new BasicStroke(1.0f));
                }
            }
        }
        Font bandFont = new Font(fontFamily, Font.BOLD, 12);
        for (Band b : f.bands()) {
            if (f.logX() && b.from() <= 0) {
                continue;
            }
            chart.addAnnotation(new BandAnnotation(b, bandFont));
        }
        return chart;
    }
}
