package dev.grokphase.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Specs checked before anything runs, files that are not ours left alone, and the smaller CLI defects of issue 11. */
class SpecAndCliHygieneTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "command: train quadratic                            | spec bad.yaml: training[0].command: unknown command 'train quadratic'; allowed: theory ak, theory cubic, theory modular, train cubic, train modular",
            "command: train cubic\\n    config: {sigmaW3: 1}     | spec bad.yaml: training[0].config.sigmaW3: Unknown options: '--sigmaW3'",
            "command: train cubic\\n    config: {sigma2: -1}     | spec bad.yaml: training[0].config.sigma2: --sigma2 = -1.0 is out of range",
            "command: train cubic\\n    config: {out: x}         | spec bad.yaml: training[0].config.out: 'out' is set by the sweep",
            "command: train cubic\\n    grid: {steps: [10, 2.5]} | spec bad.yaml: training[0].grid.steps: ",
    })
    void aBadSpecFailsAtLoadWithFileAndKeyPathAndCreatesNothing(String body, String expected) throws Exception {
        Path spec = Files.writeString(tmp.resolve("bad.yaml"), "id: bad\ntitle: bad\ntraining:\n  - id: t\n    "
                + body.replace("\\n", "\n") + "\n");
        Path store = tmp.resolve("store");
        CliRun r = CliRun.of("sweep", spec.toString(), "--out", store.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).startsWith("grokphase: error: " + expected);
        assertThat(store).doesNotExist();
    }

    @Test
    void aZeroStepRangeInATheorySpecAndAnUnknownFigureKindFailAtLoad() throws Exception {
        Path spec = Files.writeString(tmp.resolve("t.yaml"), """
                id: t
                title: t
                theory:
                  - id: c
                    command: theory cubic
                    config: {sigma2: "0.1:0.3:0"}
                """);
        CliRun r = CliRun.of("sweep", spec.toString(), "--dry-run", "--out", tmp.resolve("s").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).contains("spec t.yaml: theory[0].config.sigma2: --sigma2 = 0.1:0.3:0").contains("step must be > 0");
        Files.writeString(spec, """
                id: t
                title: t
                theory:
                  - id: c
                    command: theory cubic
                    config: {sigma2: 0.2}
                figures:
                  - id: f
                    kind: pie-chart
                """);
        CliRun f = CliRun.of("sweep", spec.toString(), "--out", tmp.resolve("s").toString());
        assertThat(f.exitCode()).isEqualTo(2);
        assertThat(f.err()).hasLineCount(1).contains("spec t.yaml: figures[0].kind: unknown figure kind 'pie-chart'");
        assertThat(tmp.resolve("s")).doesNotExist();
    }

    @Test
    void theReportNeverOverwritesAFileItDidNotWrite() throws Exception {
        Path run = tmp.resolve("run");
        assertThat(CliRun.of("train", "cubic", "--n", "10", "--n-test", "10", "--N", "3", "--d", "3", "--steps", "5",
                "--progress", "none", "--out", run.toString()).exitCode()).isZero();
        String metrics = Files.readString(run.resolve("metrics.csv"));
        CliRun r = CliRun.of("report", run.toString(), "--out", run.resolve("metrics.csv").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).contains("exists and is not a report grokphase wrote");
        assertThat(Files.readString(run.resolve("metrics.csv"))).isEqualTo(metrics);
        // Its own report it replaces; a directory or the root is refused.
        Path html = tmp.resolve("r.html");
        assertThat(CliRun.of("report", run.toString(), "--out", html.toString()).exitCode()).isZero();
        assertThat(CliRun.of("report", run.toString(), "--out", html.toString()).exitCode()).isZero();
        assertThat(CliRun.of("report", run.toString(), "--out", "/").err()).hasLineCount(1).contains("is a directory");
    }

    @Test
    void theReportFlagsAMissingPlanAndAnIncompleteRunInsteadOfHidingThem() throws Exception {
        Path spec = Files.writeString(tmp.resolve("r.yaml"), """
                id: rep
                title: Report with a missing plan
                training:
                  - id: t
                    command: train cubic
                    config: {steps: 6, n: 8, n-test: 8, N: 3, d: 3, log-points: 3, threads: 1}
                    grid: {seed: [1, 2]}
                """);
        Path store = tmp.resolve("store");
        assertThat(CliRun.of("sweep", spec.toString(), "--out", store.toString()).exitCode()).isZero();
        Files.delete(store.resolve("sweeps/rep-default/plan.json"));
        Path run;
        try (var runs = Files.list(store.resolve("runs"))) {
            run = runs.sorted().findFirst().orElseThrow();
        }
        Files.delete(run.resolve("summary.json"));
        Path html = tmp.resolve("report.html");
        CliRun r = CliRun.of("report", store.toString(), "--out", html.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("grokphase: warning: sweep ").contains("has no plan.json: its plan was rebuilt from spec.yaml at scale default");
        String page = Files.readString(html);
        assertThat(page).contains("Incomplete sweep:").contains("Report with a missing plan").contains("<td>incomplete</td>");
    }

    @Test
    void groupsWithoutASubcommandAreUsageErrors() {
        for (String[] args : new String[][]{{}, {"theory"}, {"train"}}) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.out()).contains("Usage:");
            assertThat(r.err()).hasLineCount(1).contains("missing subcommand; choose one of:");
        }
        CliRun both = CliRun.of("reproduce", "--quick", "--full");
        assertThat(both.err()).hasLineCount(1).startsWith("grokphase: error: --quick, --full are mutually exclusive").doesNotContain("Error: ");
    }

    @Test
    void configFilesSayNotFoundNameDuplicatesHideTypeNamesAndReadIntegersLikeTheCommandLine() throws Exception {
        CliRun missing = CliRun.of("train", "cubic", "--config", tmp.resolve("nope.yaml").toString(), "--out", tmp.resolve("o").toString());
        assertThat(missing.err()).hasLineCount(1).contains("file not found");
        Path list = Files.writeString(tmp.resolve("list.yaml"), "- 1\n- 2\n");
        CliRun l = CliRun.of("train", "cubic", "--config", list.toString(), "--out", tmp.resolve("o").toString());
        assertThat(l.err()).hasLineCount(1).contains("is not a mapping of option keys").doesNotContain("java.").doesNotContain("LinkedHashMap");
        Path dup = Files.writeString(tmp.resolve("dup.yaml"), "steps: 5\nsteps: 6\n");
        CliRun d = CliRun.of("train", "cubic", "--config", dup.toString(), "--out", tmp.resolve("o").toString());
        assertThat(d.err()).hasLineCount(1).contains("key 'steps' appears twice");
        // 1e1 steps: accepted in a file and on the command line alike; 2.5 refused in both.
        Path sci = Files.writeString(tmp.resolve("sci.yaml"), "steps: 1e1\n");
        String[] tiny = {"--n", "8", "--n-test", "8", "--N", "3", "--d", "3", "--progress", "none"};
        CliRun a = CliRun.of(concat(new String[]{"train", "cubic", "--config", sci.toString(), "--out", tmp.resolve("a").toString()}, tiny));
        CliRun b = CliRun.of(concat(new String[]{"train", "cubic", "--steps", "1e1", "--out", tmp.resolve("b").toString()}, tiny));
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(Files.readString(tmp.resolve("a/metrics.csv"))).isEqualTo(Files.readString(tmp.resolve("b/metrics.csv")));
        Files.writeString(sci, "steps: 2.5\n");
        assertThat(CliRun.of("train", "cubic", "--config", sci.toString(), "--out", tmp.resolve("c").toString()).err())
                .hasLineCount(1).contains("--steps").contains("not an integer");
        assertThat(CliRun.of("train", "cubic", "--steps", "2.5", "--out", tmp.resolve("c").toString()).err())
                .hasLineCount(1).contains("--steps").contains("not an integer");
    }

    @Test
    void optionsTheSamplerDoesNotReadAreRefusedNotIgnored() {
        CliRun m = CliRun.of("train", "cubic", "--momentum", "0.9", "--out", tmp.resolve("x").toString());
        assertThat(m.err()).hasLineCount(1).contains("--momentum = 0.9 ").contains("does not apply here: --sampler langevin has no momentum");
        CliRun s = CliRun.of("train", "modular", "--optimizer", "adamw", "--sigma2", "0.3", "--out", tmp.resolve("x").toString());
        assertThat(s.err()).hasLineCount(1).contains("--sigma2").contains("--optimizer adamw has no temperature");
        CliRun b = CliRun.of("train", "modular", "--optimizer", "sgd", "--betas", "0.9,0.99", "--out", tmp.resolve("x").toString());
        assertThat(b.err()).hasLineCount(1).contains("--betas").contains("applies to adamw".replace("applies", "apply"));
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void aDamagedManifestAndADivergedRunAreOneLineRefusalsOnResume() throws Exception {
        Path run = tmp.resolve("div");
        CliRun d = CliRun.of("train", "modular", "--P", "5", "--N", "8", "--optimizer", "sgd", "--lr", "1e6",
                "--steps", "50", "--progress", "none", "--out", run.toString());
        assertThat(d.exitCode()).isEqualTo(2);
        CliRun again = CliRun.of("train", "modular", "--resume", "--out", run.toString(), "--progress", "none");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).hasLineCount(1).contains("this run diverged").contains("start a new run");
        JsonNode m = Json.MAPPER.readTree(run.resolve("manifest.json").toFile());
        assertThat(m.get("status").asText()).isEqualTo("diverged");
        Files.writeString(run.resolve("manifest.json"), "{\"command\": \"train modular\", \"status\": ");
        CliRun damaged = CliRun.of("train", "modular", "--resume", "--out", run.toString());
        assertThat(damaged.err()).hasLineCount(1).contains("manifest.json is damaged: not valid JSON at line 1")
                .doesNotContain("Unexpected end-of-input");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
