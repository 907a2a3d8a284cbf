package dev.grokphase.app.report;

import dev.grokphase.app.plot.Figure;
import dev.grokphase.app.plot.Series;
import dev.grokphase.io.AtomicFiles;
import dev.grokphase.sweep.FigureSpec;
import dev.grokphase.sweep.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The reviewer's figure items, on run directories written by hand. */
class FigureBuildersTest {

    @TempDir
    Path root;

    private RunData run(String name, String command, String config, Map<String, String> files) {
        Path dir = root.resolve(name);
        AtomicFiles.writeString(dir.resolve("manifest.json"),
                "{\"command\":\"" + command + "\",\"status\":\"completed\",\"config\":" + config + "}");
        // A complete run directory (sweep.RunCompleteness), then the files the test is about.
        AtomicFiles.writeString(dir.resolve("metrics.csv"), "step,network\n");
        AtomicFiles.writeString(dir.resolve("observables/equilibration.json"), "{}\n");
        files.forEach((f, text) -> AtomicFiles.writeString(dir.resolve(f), text));
        return new RunData(dir, null);
    }

    private static SpecData data(Map<String, List<RunData>> runs) {
        return new SpecData(null, Scale.DEFAULT, runs);
    }

    @Test
    void modularPhaseDiagramShadesRegionsAndDrawsOnlyTheTwoTransitionLines() {
        StringBuilder t = new StringBuilder("N,sigma2c1,sigma2c2\n");
        for (int n = 200; n <= 1000; n += 200) {
            t.append(String.format(Locale.ROOT, "%d,%f,%f%n", n, 100.0 / n, 60.0 / n));
        }
        RunData r = run("diagram", "theory modular", "{\"P\":401}", Map.of("theory.csv", t.toString()));
        Figure f = FigureBuilders.build(data(Map.of("th", List.of(r))),
                new FigureSpec("d", "modular-phase-diagram", "diagram", "", Map.of("theory", "th")));
        assertThat(f.series()).extracting(Series::style).containsExactly(
                Series.Style.REGION, Series.Style.REGION, Series.Style.REGION, Series.Style.LINE, Series.Style.DASHED);
        // The lines are σ²_c1 and σ²_c2 only: no series is the constant top edge of the plot.
        for (Series s : f.series()) {
            if (s.style() == Series.Style.REGION) continue;
            assertThat(s.y()).as(s.name()).doesNotContain(f.yMax());
        }
        assertThat(f.series().get(3).y()[0]).isCloseTo(0.5, within(1e-9));
        // GFL region: between σ²_c1 and the top of the axis.
        Series gfl = f.series().get(0);
        assertThat(gfl.name()).isEqualTo("GFL");
        assertThat(gfl.y()[0]).isCloseTo(0.5, within(1e-9));
        assertThat(gfl.y()[gfl.y().length - 1]).isEqualTo(f.yMax());
    }

    @Test
    void anAdamWSpectrumHasNoNoiseInItsLegendAndStemsFromZero() {
        String fourier = "network,neuron,dominantFrequency,ipr\n0,0,3,0.9\n0,1,5,0.8\n0,2,3,0.95\n0,3,1,0.7\n";
        RunData adamw = run("adamw", "train modular", "{\"optimizer\":\"adamw\",\"sigma2\":0.1}",
                Map.of("observables/fourier.csv", fourier, "summary.json", "{}"));
        RunData langevin = run("langevin", "train modular", "{\"optimizer\":\"langevin\",\"sigma2\":0.4}",
                Map.of("observables/fourier.csv", fourier, "summary.json", "{}"));
        Figure f = FigureBuilders.build(data(Map.of("t", List.of(adamw, langevin))),
                new FigureSpec("s", "fourier-spectrum", "spectrum", "", Map.of("training", "t")));
        assertThat(f.series()).allMatch(s -> s.style() == Series.Style.STEMS);
        assertThat(f.series().get(0).name()).startsWith("AdamW").doesNotContain("σ²");
        assertThat(f.series().get(1).name()).startsWith("σ² = 0.4");
        assertThat(f.yMin()).isEqualTo(0.0);
        // Fractions of neurons per frequency: k = 3 holds 2 of 4; the two runs' stems sit side by side.
        Series a = f.series().get(0);
        Series b = f.series().get(1);
        assertThat(a.y()).containsExactly(0.25, 0.5, 0.25);
        assertThat(b.x()[1] - a.x()[1]).isGreaterThan(0.1).isLessThan(0.5);
    }

    @Test
    void coincidingActionProfilesStayVisible() {
        String same = "phi,sPerP,phase\n0,0,GMFL-I\n1,0.5,GMFL-I\n2,0.2,GMFL-I\n";
        RunData p1 = run("p1", "theory modular", "{\"sigma2\":0.19}", Map.of("theory.csv", same));
        RunData p2 = run("p2", "theory modular", "{\"sigma2\":0.21}", Map.of("theory.csv", same));
        RunData p3 = run("p3", "theory modular", "{\"sigma2\":0.27}", Map.of("theory.csv", "phi,sPerP,phase\n0,0,GFL\n1,0.9,GFL\n2,1.5,GFL\n"));
        Figure f = FigureBuilders.build(data(Map.of("th", List.of(p1, p2, p3))),
                new FigureSpec("a", "modular-action-profiles", "profiles", "", Map.of("theory", "th")));
        assertThat(f.series()).extracting(Series::style).containsExactly(Series.Style.LINE, Series.Style.POINTS, Series.Style.DOTTED);
        assertThat(f.series().get(1).name()).isEqualTo("σ² = 0.21 (GMFL-I, = 0.19)");
    }

    @Test
    void aCaptionPromisesMarkersOnlyWhenThereAreSome() {
        RunData theory = run("th", "theory cubic", "{\"eps\":-0.3}",
                Map.of("theory.csv", "sigma2,b,c,phase\n0.1,0.3,-0.1,GMFL-I\n0.2,0.4,-0.3,GFL\n"));
        Figure none = FigureBuilders.build(data(Map.of("th", List.of(theory))),
                new FigureSpec("c", "cubic-component-vs-sigma2", "cubic", "", Map.of("theory", "th", "training", "tr")));
        assertThat(none.caption()).doesNotContain("Markers").contains("Lines: adaptive-kernel theory");
        RunData failed = new RunData(root.resolve("absent"), null);
        Figure overlap = FigureBuilders.build(data(Map.of("tr", List.of(failed))),
                new FigureSpec("o", "overlap-log-density", "overlap", "", Map.of("training", "tr")));
        assertThat(overlap.caption()).doesNotContain("Markers").startsWith("No trained network to show");
    }

    @Test
    void dropletsVsWidthDrawsTheDataAwareTheoryAsPointsWithErrorBars() {
        RunData finite = run("fd", "theory cubic", "{\"eps\":-1.2}",
                Map.of("theory.jsonl", "{\"N\":250,\"dropletFraction\":0.066,\"learnedCubic\":0.083}\n"
                        + "{\"N\":500,\"dropletFraction\":0.038,\"learnedCubic\":0.042}\n"));
        // One data-aware run per width, as a spec grid writes them (keys of theory cubic --limit data).
        RunData da500 = run("da500", "theory cubic", "{\"eps\":-1.2,\"limit\":\"data\"}",
                Map.of("theory.jsonl", "{\"N\":500,\"aboveThreshold\":0.009,\"aboveThresholdErr\":0.002,"
                        + "\"learnedCubic\":0.02,\"learnedCubicErr\":0.003,\"dropletFraction\":0.007}\n"));
        RunData da250 = run("da250", "theory cubic", "{\"eps\":-1.2,\"limit\":\"data\"}",
                Map.of("theory.jsonl", "{\"N\":250,\"aboveThreshold\":0.05,\"aboveThresholdErr\":0.004,"
                        + "\"learnedCubic\":0.047,\"learnedCubicErr\":0.001,\"dropletFraction\":0.07}\n"));
        SpecData d = data(Map.of("fd", List.of(finite), "da", List.of(da500, da250)));
        Figure with = FigureBuilders.build(d, new FigureSpec("w", "droplets-vs-width", "width", "",
                Map.of("theory", "fd", "theoryData", "da", "training", "tr")));
        Series drop = with.series().stream().filter(s -> s.name().equals("data-aware theory: droplet fraction")).findFirst().orElseThrow();
        Series cub = with.series().stream().filter(s -> s.name().equals("data-aware theory: learned cubic")).findFirst().orElseThrow();
        // Sorted by N; the droplet fraction is the weight beyond the networks' threshold, not beyond the dip.
        assertThat(drop.x()).containsExactly(250.0, 500.0);
        assertThat(drop.y()).containsExactly(0.05, 0.009);
        assertThat(drop.err()).containsExactly(0.004, 0.002);
        assertThat(cub.y()).containsExactly(0.047, 0.02);
        assertThat(cub.err()).containsExactly(0.001, 0.003);
        assertThat(with.caption()).contains("data-aware theory");
        Figure without = FigureBuilders.build(d, new FigureSpec("w", "droplets-vs-width", "width", "",
                Map.of("theory", "fd", "training", "tr")));
        assertThat(without.series()).noneMatch(s -> s.name().startsWith("data-aware"));
        assertThat(without.caption()).doesNotContain("data-aware");
    }

    /** Networks 0–1 are the first start, 2–3 their twins; two widths. */
    private RunData timeRun(String name, int width, double offset) {
        StringBuilder m = new StringBuilder("step,network,dataset,seed,trainLoss,testLoss\n");
        for (int step : new int[]{1, 10, 100}) {
            for (int net = 0; net < 4; net++) {
                m.append(String.format(Locale.ROOT, "%d,%d,%d,0,%f,%f%n", step, net, net % 2,
                        1.0 / step, offset + 10 * net + step / 100.0));
            }
        }
        RunData r = run(name, "train cubic", "{\"N\":" + width + ",\"eps\":-1.2}",
                Map.of("summary.json", "{\"networks\":2}"));
        AtomicFiles.writeString(r.dir().resolve("metrics.csv"), m.toString());
        return new RunData(r.dir(), null);
    }

    @Test
    void singleNetworksAreDrawnUnderTheMeanForTheFirstStartOnly() {
        RunData narrow = timeRun("narrow", 250, 0);
        RunData wide = timeRun("wide", 1000, 0.5);
        SpecData d = data(Map.of("t", List.of(narrow, wide)));
        Figure all = FigureBuilders.build(d, new FigureSpec("f5", "loss-vs-steps", "loss", "",
                Map.of("training", "t", "groupBy", "N", "individual", true)));
        // Per width: networks 0 and 1 thin (test loss only), then the means; the twins 2, 3 nowhere.
        assertThat(all.series()).extracting(Series::style).containsExactly(
                Series.Style.THIN, Series.Style.THIN, Series.Style.THIN, Series.Style.THIN,
                Series.Style.LINE, Series.Style.DASHED, Series.Style.LINE, Series.Style.DASHED);
        Series wideNet1 = all.series().get(1);
        assertThat(wideNet1.x()).containsExactly(1.0, 10.0, 100.0);
        assertThat(wideNet1.y()).containsExactly(10.51, 10.6, 11.5);
        Series narrowNet0 = all.series().get(2);
        assertThat(narrowNet0.y()).containsExactly(0.01, 0.1, 1.0);
        Series wideMean = all.series().get(4);
        assertThat(wideMean.name()).isEqualTo("test N = 1000");
        assertThat(wideMean.y()[2]).isCloseTo(0.5 + 5 + 1, within(1e-12));
        assertThat(all.caption()).contains("Thin pale lines");
        assertThat(all.logY()).isTrue();

        Figure narrowOnly = FigureBuilders.build(d, new FigureSpec("f5t", "loss-vs-steps", "loss", "",
                Map.of("training", "t", "groupBy", "N", "individual", true, "individualGroup", 250,
                        "data", "test", "logY", false)));
        assertThat(narrowOnly.series()).extracting(Series::style).containsExactly(
                Series.Style.THIN, Series.Style.THIN, Series.Style.LINE, Series.Style.LINE);
        assertThat(narrowOnly.series().get(0).y()).containsExactly(0.01, 0.1, 1.0);
        assertThat(narrowOnly.logY()).isFalse();
        assertThat(narrowOnly.caption()).contains("N = 250 only").contains("on test data");

        Figure plain = FigureBuilders.build(d, new FigureSpec("f5p", "loss-vs-steps", "loss", "",
                Map.of("training", "t", "groupBy", "N")));
        assertThat(plain.series()).noneMatch(s -> s.style() == Series.Style.THIN);
        assertThat(plain.caption()).doesNotContain("Thin pale lines");
    }
}
