package dev.grokphase.app.cli;

import dev.grokphase.app.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SweepCommandTest {

    @Test
    void dryRunListsEveryPlannedRunWithItsArguments(@TempDir Path out) {
        CliRun r = CliRun.of("sweep", "fig2", "--scale", "full", "--dry-run", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        // fig2 full: 4 β theory curves + the d → ∞ curve + the data-aware curve (β = 1/8) + 4 β × 2 σ²
        // profiles + 11 ε of the phase diagram + 4 β × 5 σ² training runs.
        assertThat(lines).hasSize(4 + 1 + 1 + 8 + 11 + 20);
        assertThat(lines.get(0)).startsWith("0\tabsent\ttheory-cubic-").contains("grokphase theory cubic --N 88");
    }

    @Test
    void aSpecFileRunsThroughTheInProcessHandlerAndWritesItsSummary(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("mine.yaml");
        Files.writeString(spec, """
                id: mine
                title: modular theory at two sizes
                theory:
                  - id: t
                    command: theory modular
                    config: {sigma2: "0.2:0.24:0.02", gamma: 0.0001}
                    grid: {P: [401, 11]}
                """);
        CliRun r = CliRun.of("sweep", spec.toString(), "--out", dir.resolve("store").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path summary = dir.resolve("store/sweeps/mine-default/summary.csv");
        assertThat(r.out()).contains("summary: " + summary.toAbsolutePath());
        List<String> rows = Files.readAllLines(summary);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).contains(",completed,");
        // Each run directory holds the command's CSV output: three σ² rows each.
        try (var runs = Files.list(dir.resolve("store/runs"))) {
            for (Path run : runs.toList()) {
                assertThat(Files.readAllLines(run.resolve("theory.csv"))).hasSize(4);
            }
        }
    }

    @Test
    void indexRunsExactlyOnePlannedRunAndRejectsAnIndexOutOfRange(@TempDir Path dir) {
        CliRun r = CliRun.of("sweep", "fig3", "--scale", "quick", "--index", "1", "--out", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("completed\t");
        assertThat(dir.resolve("runs").toFile().list()).hasSize(1);
        CliRun bad = CliRun.of("sweep", "fig3", "--scale", "quick", "--index", "99", "--out", dir.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--index = 99 is out of range: allowed [0, 6] for spec fig3 at scale quick");
    }

    @Test
    void unknownExecutorIsAOneLineError() {
        CliRun r = CliRun.of("sweep", "fig3", "--executor", "spark", "--dry-run");
        assertThat(r.exitCode()).isZero(); // dry run plans without an executor
        // spark is known to the app (re-launched through spark-submit: app.cluster.SparkLaunch); nosuch is not.
        CliRun bad = CliRun.of("sweep", "fig3", "--executor", "nosuch", "--out", "target/none");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--executor = nosuch is invalid: allowed local in this build");
    }
}
