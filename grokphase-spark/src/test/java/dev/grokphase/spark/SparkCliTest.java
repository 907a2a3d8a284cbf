package dev.grokphase.spark;

import dev.grokphase.app.GrokphaseCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code grokphase sweep SPEC --executor spark} as spark-submit runs it (the tool's main class with
 * this module on the class path): the executor is found through ServiceLoader, starts its own
 * local[2] context, runs real theory computations and tiny Langevin training runs through the
 * app's run handler, and writes the run directories the local executor writes.
 */
class SparkCliTest {

    /**
     * Members of a manifest that describe the execution, not the result: the wall-clock fields and
     * the cores the run was granted (a Spark task's spark.task.cpus, a local sweep's share of the
     * machine). The only bytes allowed to differ between two executions.
     */
    static final Set<String> EXECUTION_MEMBERS = Set.of("startedAt", "finishedAt", "wallSeconds", "threads");

    @TempDir
    Path tmp;

    private static int cli(StringWriter out, StringWriter err, String... args) {
        return GrokphaseCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void theoryAndTrainingSweepThroughSparkEqualsTheLocalSweepByteForByte() throws IOException {
        Path spec = tmp.resolve("modular.yaml");
        Files.writeString(spec, """
                id: modular-small
                title: modular theory on a small grid
                theory:
                  - id: curve
                    command: theory modular
                    config: {P: 401, gamma: 0.0001}
                    grid: {N: [500, 1000], sigma2: ["0.15:0.2:0.01", "0.2:0.25:0.01"]}
                training:
                  - id: tiny
                    command: train cubic
                    config: {n: 50, n-test: 100, N: 8, d: 10, steps: 200, seeds: 2}
                    grid: {sigma2: [0.1, 0.2]}
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path local = tmp.resolve("local");
        assertThat(cli(out, err, "sweep", spec.toString(), "--out", local.toString(), "--threads", "2")).as(err.toString()).isZero();
        Path spark = tmp.resolve("spark");
        int code = cli(out, err, "sweep", spec.toString(), "--out", spark.toString(), "--executor", "spark",
                "--executor-option", "master=local[2]");
        assertThat(code).as(err.toString()).isZero();
        List<String> files = TreeDiff.files(local.resolve("runs"));
        // 4 theory runs (manifest, theory.csv, theory.log: at P = 401 `theory modular` warns that the
        // point is outside the theory's regime) and 2 training runs (manifest, metrics, summary,
        // 4 observables incl. the per-network overlap histogram, the Langevin checkpoint, the log).
        assertThat(files).hasSize(4 * 3 + 2 * 9).anyMatch(f -> f.endsWith("theory.csv"))
                .anyMatch(f -> f.endsWith("state.bin")).anyMatch(f -> f.endsWith("overlaps.csv"));
        assertThat(TreeDiff.diff(local.resolve("runs"), spark.resolve("runs"), EXECUTION_MEMBERS, "grokphase.log")).isEmpty();
        String sparkPart = err.toString().substring(err.toString().lastIndexOf("planned"));
        assertThat(sparkPart).contains("6/6 runs done (0 skipped, 0 running, 0 failed)");
        assertThat(spark.resolve("sweeps/modular-small-default/summary.csv")).exists();
    }

    @Test
    void aSweepWithItsRunsElsewhereIsFoundByTheReportOfItsDriverDirectory() throws IOException {
        Path spec = tmp.resolve("theory.yaml");
        Files.writeString(spec, """
                id: theory-small
                title: modular theory, runs written to another file system root
                theory:
                  - id: curve
                    command: theory modular
                    config: {P: 101, gamma: 0.0001, N: 500}
                    grid: {sigma2: [0.15, 0.2]}
                """);
        Path driver = tmp.resolve("driver");
        Path output = tmp.resolve("cluster-fs/theory");
        String uri = output.toUri().toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(cli(out, err, "sweep", spec.toString(), "--out", driver.toString(), "--executor", "spark",
                "--executor-option", "master=local[2]", "--executor-option", "output=" + uri)).as(err.toString()).isZero();
        assertThat(driver.resolve("runs")).doesNotExist();
        assertThat(TreeDiff.files(output.resolve("runs"))).hasSize(2 * 2);
        assertThat(Files.readString(driver.resolve("sweeps/theory-small-default/plan.json")))
                .contains("\"runRoot\" : \"" + uri + "\"");
        var found = dev.grokphase.app.report.ReportInputs.find(List.of(driver));
        assertThat(found.specs().get(0).of("curve")).hasSize(2)
                .allMatch(r -> r.status() == dev.grokphase.sweep.RunStatus.COMPLETED);
    }
}
