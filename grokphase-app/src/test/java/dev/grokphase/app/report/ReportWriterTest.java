package dev.grokphase.app.report;

import dev.grokphase.app.plot.Figure;
import dev.grokphase.app.plot.Series;
import dev.grokphase.sweep.ExperimentSpec;
import dev.grokphase.sweep.LocalSweepExecutor;
import dev.grokphase.sweep.RunHandlers;
import dev.grokphase.sweep.Scale;
import dev.grokphase.sweep.SpecLoader;
import dev.grokphase.sweep.Sweep;
import dev.grokphase.sweep.SweepListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportWriterTest {

    @TempDir
    static Path root;
    static ExperimentSpec spec;
    static Path html;
    static String page;

    @BeforeAll
    static void writeReportOfAFakeSweep() throws Exception {
        spec = SpecLoader.parse("fake.yaml", FakeRuns.SPEC);
        Sweep.run(spec, Scale.DEFAULT, root, new LocalSweepExecutor(2, new RunHandlers(List.of(new FakeRuns()))), SweepListener.NONE);
        html = root.resolve("report.html");
        new ReportWriter().write(ReportInputs.find(List.of(root)), html, root.resolve("figures"), "test report");
        page = Files.readString(html, StandardCharsets.UTF_8);
    }

    @Test
    void everyFigureIsAnInlineDecodablePngAndNothingIsFetchedFromTheNetwork() throws Exception {
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(page);
        int n = 0;
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertThat(img.getWidth()).isEqualTo(1440);
            n++;
        }
        assertThat(n).isEqualTo(spec.figures().size());
        assertThat(page).doesNotContainPattern("(src|href)=\"(https?:)?//");
        // Each figure links its files for a paper, relative to the page.
        assertThat(page).contains("<a href=\"figures/f-cubic.pdf\">PDF</a>").contains("<a href=\"figures/f-cubic.tex\">TEX</a>");
        for (var f : spec.figures()) {
            assertThat(root.resolve("figures").resolve(f.id() + ".png")).isRegularFile();
            assertThat(root.resolve("figures").resolve(f.id() + ".svg")).isRegularFile();
            assertThat(Files.readAllBytes(root.resolve("figures").resolve(f.id() + ".pdf"))).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
            assertThat(root.resolve("figures").resolve(f.id() + ".tex")).content().contains("\\includegraphics[width=\\linewidth]{" + f.id() + ".pdf}")
                    .contains("\\label{fig:" + f.id() + "}");
        }
        // The caption is beside the figure, not in it: the figure file is exactly the plot's height.
        BufferedImage fileImage = ImageIO.read(root.resolve("figures").resolve("f-cubic.png").toFile());
        assertThat(fileImage.getHeight()).isEqualTo(2 * 480);
        assertThat(root.resolve("figures").resolve("f-cubic.txt")).content().contains("Lines: adaptive-kernel theory");
    }

    @Test
    void degenerateAutocorrelationRowsReadNotMeasurable() {
        // FakeRuns: σ² = 0.1 wrote τ = 1e-12 and 6e12 effective samples, σ² = 0.15 wrote null.
        assertThat(page).doesNotContain("6.000e+12").doesNotContain("1.000e-12").doesNotContain("-6.164e+05");
        int rows = page.split("not measurable", -1).length - 1;
        // 3 cells (difference, τ, effective samples) × 4 runs (2 β × 2 σ²).
        assertThat(rows).isEqualTo(3 * 4);
        assertThat(page).contains("<td class=\"num\">1.200</td>");
    }

    @Test
    void theRunThatDidNotEquilibrateIsFlaggedAndTablesAreThere() {
        // Two β values at σ² = 0.25 report equilibrated = false (FakeRuns).
        assertThat(page).contains("2 training run(s) did not pass the equilibration check");
        assertThat(page).contains("<h3>Parameter sets</h3>").contains("<h3>Runs</h3>").contains("<h3>Equilibration diagnostics</h3>");
        assertThat(page).contains("<b>NO</b>");
        assertThat(page).contains("unknown figure kind 'no-such-kind'");
    }

    @Test
    void cubicFigurePutsTheoryAndExperimentForEachBetaOnTheSameAxes() {
        SpecData sd = ReportInputs.find(List.of(root)).specs().get(0);
        Figure f = FigureBuilders.build(sd, spec.figures().get(0));
        // The fake run at σ² = 0.25 failed its equilibration check: a separate series of crosses.
        assertThat(f.series()).extracting(Series::name).containsExactly(
                "theory β = 1/8", "experiment β = 1/8", "experiment β = 1/8 (not equilibrated)",
                "theory β = 1/2", "experiment β = 1/2", "experiment β = 1/2 (not equilibrated)");
        assertThat(f.series().get(2).style()).isEqualTo(Series.Style.FLAGGED_POINTS);
        assertThat(f.series().get(2).x()).containsExactly(0.25);
        // Theory: (ε − c)/ε from the table's c column; at σ² = 0.08 the fake has c = 0: fully learned.
        Series theory = f.series().get(0);
        assertThat(theory.x()[0]).isCloseTo(0.08, within(1e-12));
        assertThat(theory.y()[0]).isCloseTo(1.0, within(1e-9));
        // Experiment: summary cubicProjection/ε with error std/√networks/|ε| = 0.02/2/0.3.
        Series exp = f.series().get(1);
        assertThat(exp.x()).containsExactly(0.1, 0.15, 0.2);
        assertThat(exp.y()[0]).isCloseTo(0.08 / 0.1, within(1e-6));
        assertThat(exp.err()[0]).isCloseTo(0.01 / 0.3, within(1e-9));
        assertThat(f.caption()).contains("N = 88").contains("N = 350");
    }

    @Test
    void modularFigureShadesTheThreePhases() {
        SpecData sd = ReportInputs.find(List.of(root)).specs().get(0);
        Figure f = FigureBuilders.build(sd, spec.figures().get(3));
        assertThat(f.bands()).extracting(b -> b.label()).containsExactly("GMFL-II", "GMFL-I", "GFL");
        // Band edges sit halfway between the grid points around the kinks at 0.175 and 0.227.
        assertThat(f.bands().get(0).to()).isCloseTo(0.175, within(0.004));
        assertThat(f.bands().get(1).to()).isCloseTo(0.227, within(0.004));
    }

    /**
     * Opens the report in headless Chromium (installed by scripts/ensure-test-tools.sh, which the
     * build runs before the tests) and checks that every image decoded in the browser: a small
     * script, added to a copy of the page, records naturalWidth of each image after load.
     */
    @Test
    void headlessChromiumShowsEveryFigure() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assertThat(chromium).as("chromium (run scripts/ensure-test-tools.sh)").exists();
        String probe = "<script>window.addEventListener('load', function () {"
                + "var imgs = document.querySelectorAll('img'); var ok = 0;"
                + "imgs.forEach(function (i) { var good = i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().width > 0;"
                + " if (good) ok++; i.setAttribute('data-loaded', good ? 'yes' : 'no'); });"
                + "document.body.setAttribute('data-images', imgs.length); document.body.setAttribute('data-images-ok', ok);"
                + "var wide = 0; document.querySelectorAll('table').forEach(function (t) {"
                + " if (t.getBoundingClientRect().right > document.documentElement.clientWidth + 1) wide++; });"
                + "document.body.setAttribute('data-wide-tables', wide); });</script>";
        Path probed = root.resolve("probed.html");
        Files.writeString(probed, page.replace("</body>", probe + "</body>"), StandardCharsets.UTF_8);
        Path profile = Files.createTempDirectory("grokphase-chromium-");
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=5000",
                "--window-size=1024,768",
                "--dump-dom", probed.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String dom = new String(out, StandardCharsets.UTF_8);
        Matcher total = Pattern.compile("data-images=\"(\\d+)\"").matcher(dom);
        Matcher ok = Pattern.compile("data-images-ok=\"(\\d+)\"").matcher(dom);
        assertThat(total.find()).as("the probe ran in Chromium").isTrue();
        assertThat(ok.find()).isTrue();
        assertThat(Integer.parseInt(total.group(1))).isEqualTo(spec.figures().size());
        assertThat(Integer.parseInt(ok.group(1))).as("images that loaded").isEqualTo(spec.figures().size());
        assertThat(dom).doesNotContain("data-loaded=\"no\"");
        assertThat(dom).as("tables wider than a 1024 px window").contains("data-wide-tables=\"0\"");
    }
}
