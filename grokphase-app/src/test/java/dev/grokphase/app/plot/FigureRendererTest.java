package dev.grokphase.app.plot;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FigureRendererTest {

    /** A figure shaped like Fig. 2c: a theory line, experiment points with error bars, bands. */
    static Figure sample(boolean logX) {
        int n = 60;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.05 + 0.3 * i / (n - 1);
            y[i] = x[i] < 0.18 ? -0.3 * (0.18 - x[i]) / 0.13 : 0.0;
        }
        double[] px = {0.0, 0.1, 0.15, 0.2, 0.25, 0.3};
        double[] py = {-0.3, -0.25, -0.1, -0.01, 0.0, 0.0};
        double[] pe = {0.02, 0.02, 0.03, 0.01, 0.01, 0.01};
        return Figure.builder("sample")
                .title("Learned cubic component vs noise")
                .xLabel("noise σ²").yLabel("cubic component ⟨f̄·H₃⟩/6")
                .caption("Theory (line) and experiment (markers, 5-subset error bars); ε = −0.3, β = 1/8.")
                .logX(logX)
                .add(Series.line("theory β=1/8", x, y, 0))
                .add(Series.points("experiment β=1/8", px, py, pe, 0))
                .band(new Band(0.05, 0.18, "GMFL", Band.PhaseColour.GMFL_I))
                .band(new Band(0.18, 0.35, "GFL", Band.PhaseColour.GFL))
                .build();
    }

    @Test
    void pngDecodesAndShowsLinesBandsAndAGreekCapableFont() throws Exception {
        FigureRenderer r = new FigureRenderer();
        byte[] png = r.png(sample(false), 1.0);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isEqualTo(720);
        assertThat(img.getHeight()).isGreaterThan(480);
        // The theory colour (Okabe–Ito blue) and a translucent band tint must both appear.
        boolean blue = false;
        boolean tint = false;
        Color b = FigureRenderer.PALETTE[0];
        for (int yy = 0; yy < img.getHeight(); yy++) {
            for (int xx = 0; xx < img.getWidth(); xx++) {
                Color c = new Color(img.getRGB(xx, yy));
                blue |= Math.abs(c.getRed() - b.getRed()) < 8 && Math.abs(c.getGreen() - b.getGreen()) < 8
                        && Math.abs(c.getBlue() - b.getBlue()) < 8;
                tint |= c.getRed() > 240 && c.getGreen() > 220 && c.getGreen() < 250 && c.getBlue() < 235;
            }
        }
        assertThat(blue).as("theory line pixels").isTrue();
        assertThat(tint).as("GMFL-I band pixels").isTrue();
        assertThat(r.fontFamily()).as("a font that draws σ, β, ε").isNotEqualTo(java.awt.Font.SANS_SERIF);
        Path dir = Path.of("target", "test-figures");
        Files.createDirectories(dir);
        r.write(sample(false), dir);
    }

    @Test
    void logAxisDropsNonPositiveValuesWithANote() {
        FigureRenderer.Prepared p = FigureRenderer.prepare(sample(true));
        // px[0] = 0.0 cannot sit on a log axis: one point dropped, and the caption says so.
        assertThat(p.notes()).anyMatch(n -> n.startsWith("1 point(s) with x ≤ 0"));
        assertThat(p.series().get(1).x()).hasSize(5);
        // The theory line has no x ≤ 0: untouched.
        assertThat(p.series().get(0).x()).hasSize(60);
        byte[] png = new FigureRenderer().png(sample(true), 1.0);
        assertThat(png).isNotEmpty();
    }

    @Test
    void svgIsWellFormedXmlWithTheGreekLabels() throws Exception {
        String svg = new FigureRenderer().svg(sample(false));
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        // The SVG names the W3C DTD; do not fetch it (tests run offline).
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        // XChart draws axis labels as glyph outlines; the caption is SVG text and keeps its Greek letters.
        assertThat(svg).contains("ε = −0.3");
    }

    @Test
    void emptyFigureRendersAPlaceholderInsteadOfFailing() throws Exception {
        Figure f = Figure.builder("empty").title("Nothing yet").build();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(new FigureRenderer().png(f, 1.0)));
        assertThat(img.getWidth()).isEqualTo(720);
        assertThat(f.hasData()).isFalse();
    }

    @Test
    void pdfIsVectorWithEveryFontEmbeddedAndTheCaptionGoesBesideTheFigure(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        FigureRenderer r = new FigureRenderer(720, 480, false);
        Path png = r.write(sample(false), dir);
        byte[] pdf = Files.readAllBytes(dir.resolve("sample.pdf"));
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            org.apache.pdfbox.pdmodel.PDPage page = doc.getPage(0);
            assertThat(page.getMediaBox().getWidth()).isEqualTo(720f);
            assertThat(page.getMediaBox().getHeight()).isEqualTo(480f); // no caption strip
            // Text drawn as text (the band labels) is in an embedded font; the rest is outlines.
            java.util.List<org.apache.pdfbox.pdmodel.font.PDFont> fonts = new java.util.ArrayList<>();
            collectFonts(page.getResources(), fonts, 0);
            assertThat(fonts).isNotEmpty().allMatch(org.apache.pdfbox.pdmodel.font.PDFont::isEmbedded);
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text).contains("GMFL").doesNotContain("experiment; ε");
        }
        // The PNG has no caption strip either; the caption is in .txt and .tex.
        assertThat(ImageIO.read(png.toFile()).getHeight()).isEqualTo(960);
        assertThat(dir.resolve("sample.txt")).content().contains("ε = −0.3, β = 1/8");
        assertThat(dir.resolve("sample.tex")).content()
                .contains("\\caption{\\textbf{Learned cubic component vs noise.} Theory (line)")
                .contains("\\ensuremath{\\epsilon} = \\ensuremath{-}0.3");
    }

    private static void collectFonts(org.apache.pdfbox.pdmodel.PDResources res, java.util.List<org.apache.pdfbox.pdmodel.font.PDFont> out,
                                     int depth) throws java.io.IOException {
        if (res == null || depth > 4) return;
        for (org.apache.pdfbox.cos.COSName n : res.getFontNames()) out.add(res.getFont(n));
        for (org.apache.pdfbox.cos.COSName n : res.getXObjectNames()) {
            if (res.getXObject(n) instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form) {
                collectFonts(form.getResources(), out, depth + 1);
            }
        }
    }

    @Test
    void logAxesAlwaysLabelBothEndsInOneFormat() {
        // Fig. 5: losses 1.1 … 9.3, within a decade: limits 1 … 10, every 1…9 tick labelled.
        FigureRenderer.LogAxis a = FigureRenderer.LogAxis.of(new double[]{1.1, 9.3}, null, null);
        assertThat(a.min()).isEqualTo(1.0);
        assertThat(a.max()).isEqualTo(10.0);
        assertThat(a.decadeOnly()).isFalse();
        // The AdamW loss: 4e-4 … 0.035 (two decades) would label every tick and overlap: decades only,
        // rounded out to 1e-4 … 0.1, plain decimals throughout (no "9E-4" next to "0.001").
        a = FigureRenderer.LogAxis.of(new double[]{4e-4, 0.035}, null, null);
        assertThat(a.decadeOnly()).isTrue();
        assertThat(a.min()).isCloseTo(1e-4, within(1e-12));
        assertThat(a.max()).isCloseTo(0.1, within(1e-12));
        assertThat(new java.text.DecimalFormat(a.pattern(), java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(1e-4))
                .isEqualTo("0.0001");
        // Many decades keep the data range and use one scientific format for every label.
        a = FigureRenderer.LogAxis.of(new double[]{3e-9, 0.5}, null, null);
        assertThat(a.decadeOnly()).isTrue();
        assertThat(a.min()).isEqualTo(3e-9);
        assertThat(a.pattern()).isEqualTo("0E0");
        assertThat(FigureRenderer.LogAxis.floorMantissa(0.37)).isCloseTo(0.3, within(1e-12));
        assertThat(FigureRenderer.LogAxis.ceilMantissa(9.3)).isCloseTo(10, within(1e-12));
    }

    @Test
    void onlyDenselySampledCurvesAreDrawnAsOneSmoothPath() {
        // A dashed theory curve of 200 points: one path, so the dashes run along it; a sparse one
        // (or one with a jump) keeps straight segments between its points.
        double[] x = new double[200];
        double[] y = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.05 + 0.001 * i;
            y[i] = Math.max(0, 0.18 - x[i]);
        }
        Figure f = Figure.builder("d").add(Series.dashed("limit", x, y, 0)).build();
        assertThat(FigureRenderer.dense(f.series().get(0), f)).isTrue();
        y[100] = 5;
        assertThat(FigureRenderer.dense(Series.dashed("jump", x, y, 0), f)).isFalse();
        double[] sx = {1, 2, 3, 4};
        assertThat(FigureRenderer.dense(Series.dashed("sparse", sx, sx, 0), f)).isFalse();
    }

    @Test
    void longLegendEntriesBreakAtTheSpaceNearestTheMiddle() {
        assertThat(FigureRenderer.legendLabel("theory β = 1/8", 24)).isEqualTo("theory β = 1/8");
        assertThat(FigureRenderer.legendLabel("experiment β = 1/8 (not equilibrated)", 24))
                .isEqualTo("experiment β = 1/8\n(not equilibrated)");
        assertThat(FigureRenderer.legendLabel("averyveryverylongnamewithoutanyspace", 24)).doesNotContain("\n");
    }

    @Test
    void aRegionIsOneClosedPolygonBetweenItsCurves() {
        Series r = Series.region("GMFL-I", new double[]{1, 2, 3}, new double[]{0, 0.1, 0.2}, new double[]{1, 1.1, 1.2}, 4);
        assertThat(r.x()).containsExactly(1, 2, 3, 3, 2, 1);
        assertThat(r.y()).containsExactly(0, 0.1, 0.2, 1.2, 1.1, 1);
        assertThat(r.style()).isEqualTo(Series.Style.REGION);
    }

    @Test
    void latexCaptionsEscapeSpecialsAndTypesetSymbols() {
        assertThat(LatexText.escape("σ² = 0.1, 50% & N_1 {x} §4.3 f̄·H₃ ≈ 2"))
                .isEqualTo("\\ensuremath{\\sigma}\\ensuremath{^{2}} = 0.1, 50\\% \\& N\\_1 \\{x\\} \\ensuremath{\\S}4.3 "
                        + "\\ensuremath{\\bar{f}}\\ensuremath{\\cdot}H\\ensuremath{_{3}} \\ensuremath{\\approx} 2");
    }
}
