package dev.grokphase.app.report;

import dev.grokphase.app.CliRun;
import dev.grokphase.app.cluster.WalkHandler;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.sweep.ExperimentSpec;
import dev.grokphase.sweep.LocalSweepExecutor;
import dev.grokphase.sweep.RunHandlers;
import dev.grokphase.sweep.RunStatus;
import dev.grokphase.sweep.Scale;
import dev.grokphase.sweep.SpecLoader;
import dev.grokphase.sweep.Sweep;
import dev.grokphase.sweep.SweepListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A report pointed at a sweep's {@code --out} finds the runs where the sweep put them: under it,
 * or where plan.json's {@code runRoot} says (a Spark sweep with {@code output=URI}); when they
 * are nowhere to be read it says where they are, and it never reports an empty sweep as success.
 */
class ReportInputsTest {

    @TempDir
    Path tmp;

    private static final ExperimentSpec SPEC = SpecLoader.parse("walk.yaml",
            "id: walk\ntitle: walks\ntraining:\n  - id: w\n    command: train walk\n    grid: {seed: [1, 2, 3]}\n");

    /** A driver directory (plan, spec) whose runs were written under {@code runs} by another process. */
    private Path driverWithRunsAt(String runRoot) {
        Path driver = tmp.resolve("driver");
        Path sweepDir = Sweep.sweepDir(driver, SPEC, Scale.DEFAULT);
        Sweep.writePlan(sweepDir.resolve("plan.json"), SPEC, Scale.DEFAULT, SPEC.plan(Scale.DEFAULT), runRoot);
        dev.grokphase.io.AtomicFiles.writeString(sweepDir.resolve("spec.yaml"), SPEC.source());
        return driver;
    }

    private void runsInto(Path root) {
        Sweep.run(SPEC, Scale.DEFAULT, root, new LocalSweepExecutor(1, new RunHandlers(List.of(new WalkHandler()))),
                SweepListener.NONE);
    }

    @Test
    void runsElsewhereOnALocalFileSystemAreReadWherePlanJsonSays() {
        Path elsewhere = tmp.resolve("shared/output");
        runsInto(elsewhere);
        Path driver = driverWithRunsAt(elsewhere.toUri().toString());
        ReportInputs.Inputs in = ReportInputs.find(List.of(driver));
        assertThat(in.specs()).hasSize(1);
        List<RunData> runs = in.specs().get(0).of("w");
        assertThat(runs).hasSize(3).allMatch(r -> r.status() == RunStatus.COMPLETED);
        assertThat(runs.get(0).dir()).startsWith(elsewhere);
    }

    @Test
    void runsOnARemoteFileSystemAreNamedWithHowToFetchThem() {
        Path driver = driverWithRunsAt("hdfs://namenode:8020/user/me/fig2");
        assertThatThrownBy(() -> ReportInputs.find(List.of(driver)))
                .isInstanceOf(GrokphaseException.class)
                .hasMessageContaining("its runs are at hdfs://namenode:8020/user/me/fig2/runs")
                .hasMessageContaining("hdfs dfs -get hdfs://namenode:8020/user/me/fig2/runs " + driver.toAbsolutePath() + "/");
        // Once copied next to the sweep, they are read there.
        runsInto(driver);
        assertThat(ReportInputs.find(List.of(driver)).specs().get(0).of("w")).allMatch(r -> r.status() == RunStatus.COMPLETED);
    }

    @Test
    void aSweepWithoutAnyOfItsRunsIsAnErrorNotAnEmptyReport() throws Exception {
        Path driver = driverWithRunsAt(null);
        CliRun r = CliRun.of("report", driver.toString(), "--out", tmp.resolve("r.html").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("none of the planned runs of 1 sweep(s) is there")
                .contains(driver.resolve("runs") + "/<key>");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(tmp.resolve("r.html")).doesNotExist();
        // One run present: a report (the others are shown as absent).
        runsInto(tmp.resolve("partial"));
        Files.createDirectories(driver.resolve("runs"));
        String key = SPEC.plan(Scale.DEFAULT).get(0).key();
        Files.move(tmp.resolve("partial/runs").resolve(key), driver.resolve("runs").resolve(key));
        assertThat(ReportInputs.find(List.of(driver)).specs().get(0).of("w")).extracting(RunData::status)
                .containsExactly(RunStatus.COMPLETED, RunStatus.ABSENT, RunStatus.ABSENT);
    }
}
