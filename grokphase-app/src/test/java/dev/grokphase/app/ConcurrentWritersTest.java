package dev.grokphase.app;

import dev.grokphase.app.train.TrainRun;
import dev.grokphase.io.Json;
import dev.grokphase.sweep.RunCompleteness;
import dev.grokphase.sweep.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two writers, one output: real processes (separate JVMs, real OS locks), not threads. A sweep
 * waits for a run another process holds and then skips it; a train into a held directory stops
 * with the holder's pid; a SIGKILLed holder's lock file never blocks the resume.
 */
class ConcurrentWritersTest {

    @TempDir
    Path tmp;

    /** Four Langevin runs of 300 steps (about one second each with the slow-down hook). */
    private Path spec() throws Exception {
        return Files.writeString(tmp.resolve("med.yaml"), """
                id: med
                title: two writers
                training:
                  - id: t
                    command: train cubic
                    config: {steps: 300, n: 20, n-test: 20, N: 4, d: 3, log-points: 10, log-every: 30, threads: 1, progress: none}
                    grid: {seed: [1, 2, 3, 4]}
                """);
    }

    @Test
    void twoSweepProcessesIntoOneStoreCompleteEveryRunExactlyOnce() throws Exception {
        Path spec = spec();
        Path shared = tmp.resolve("shared");
        List<String> slow = List.of("-D" + TrainRun.SLOW_PROPERTY + "=3");
        ChildJvm a = ChildJvm.start(tmp.resolve("a.log"), slow, "sweep", spec.toString(), "--out", shared.toString());
        ChildJvm b = ChildJvm.start(tmp.resolve("b.log"), slow, "sweep", spec.toString(), "--out", shared.toString());
        assertThat(a.await(240)).as(a.output()).isZero();
        assertThat(b.await(240)).as(b.output()).isZero();

        // The same sweep by one process alone: every run's data must be the same bytes.
        CliRun alone = CliRun.of("sweep", spec.toString(), "--out", tmp.resolve("alone").toString());
        assertThat(alone.exitCode()).as(alone.err()).isZero();
        List<Path> runs;
        try (Stream<Path> s = Files.list(shared.resolve("runs"))) {
            runs = s.sorted().toList();
        }
        assertThat(runs).hasSize(4);
        for (Path run : runs) {
            assertThat(RunStatus.of(run)).as(run + ": " + RunCompleteness.problem(run)).isEqualTo(RunStatus.COMPLETED);
            Path ref = tmp.resolve("alone/runs").resolve(run.getFileName());
            assertThat(Files.readString(run.resolve("metrics.csv"))).isEqualTo(Files.readString(ref.resolve("metrics.csv")));
            assertThat(Files.readString(run.resolve("summary.json"))).isEqualTo(Files.readString(ref.resolve("summary.json")));
        }
        List<String> summary = Files.readAllLines(shared.resolve("sweeps/med-default/summary.csv"));
        assertThat(summary).hasSize(5);
        assertThat(summary.subList(1, 5)).allMatch(l -> l.contains(",completed,"));
        // Each run was trained once: by one process, and skipped (already done) by the other.
        String both = a.output() + b.output();
        for (int i = 0; i < 4; i++) {
            assertThat(both).contains("t #" + i + " completed (already done)");
        }
    }

    @Test
    void aSecondWriterIsRefusedWithTheHoldersPidAndAKilledHolderNeverBlocksTheResume() throws Exception {
        Path out = tmp.resolve("run");
        ChildJvm holder = ChildJvm.start(tmp.resolve("holder.log"), List.of("-D" + TrainRun.SLOW_PROPERTY + "=20"),
                "train", "cubic", "--n", "20", "--n-test", "20", "--N", "4", "--d", "3", "--steps", "2000",
                "--log-points", "10", "--checkpoint-every", "100", "--threads", "1", "--progress", "none", "--out", out.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(out.resolve("checkpoint/state.bin")) && holder.process().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(holder.process().isAlive()).as(holder.output()).isTrue();

        CliRun resume = CliRun.of("train", "cubic", "--resume", "--out", out.toString(), "--progress", "none");
        assertThat(resume.exitCode()).isEqualTo(2);
        assertThat(resume.err()).startsWith("grokphase: error: --out = " + out + " is in use by another grokphase process (pid "
                + holder.pid() + ")").hasLineCount(1);
        CliRun fresh = CliRun.of("train", "cubic", "--steps", "10", "--progress", "none", "--out", out.toString());
        assertThat(fresh.exitCode()).isEqualTo(2);

        holder.process().destroyForcibly();
        assertThat(holder.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out.resolve(".lock")).exists().isEmptyFile();
        // A checkpoint write killed half-way leaves its temporary sibling: the next start removes it.
        Path stray = Files.writeString(out.resolve("checkpoint/.state.bin.12345.tmp"), "partial");
        CliRun resumed = CliRun.of("train", "cubic", "--resume", "--out", out.toString(), "--progress", "none");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(stray).doesNotExist();
        assertThat(RunStatus.of(out)).as(String.valueOf(RunCompleteness.problem(out))).isEqualTo(RunStatus.COMPLETED);
        assertThat(Json.MAPPER.readTree(out.resolve("manifest.json").toFile()).get("resumedFromStep").asLong()).isPositive();
    }

    @Test
    void aSweepRecomputesACompletedRunWhoseFilesAreIncompleteAndSaysSo() throws Exception {
        Path spec = spec();
        Path store = tmp.resolve("store");
        assertThat(CliRun.of("sweep", spec.toString(), "--out", store.toString()).exitCode()).isZero();
        List<Path> runs;
        try (Stream<Path> s = Files.list(store.resolve("runs"))) {
            runs = s.sorted().toList();
        }
        String reference = Files.readString(runs.get(0).resolve("metrics.csv"));
        // One run loses the rows of its last log step, another its summary; a third gets a row twice.
        List<String> lines = new ArrayList<>(Files.readAllLines(runs.get(0).resolve("metrics.csv")));
        Files.write(runs.get(0).resolve("metrics.csv"), lines.subList(0, lines.size() - 1));
        Files.delete(runs.get(1).resolve("summary.json"));
        List<String> twice = new ArrayList<>(Files.readAllLines(runs.get(2).resolve("metrics.csv")));
        twice.add(twice.get(3));
        Files.write(runs.get(2).resolve("metrics.csv"), twice);
        for (int i = 0; i < 3; i++) {
            assertThat(RunStatus.of(runs.get(i))).isEqualTo(RunStatus.INCOMPLETE);
        }
        assertThat(RunCompleteness.problem(runs.get(0))).contains("metrics.csv lacks the rows of step 300");
        assertThat(RunCompleteness.problem(runs.get(1))).isEqualTo("summary.json is missing");
        assertThat(RunCompleteness.problem(runs.get(2))).contains("metrics.csv has 1 row(s) more than the run logs");

        CliRun again = CliRun.of("sweep", spec.toString(), "--out", store.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("is marked completed but metrics.csv lacks the rows of step 300 (network 0 and after): recomputing it",
                "is marked completed but summary.json is missing: recomputing it");
        for (Path run : runs) {
            assertThat(RunStatus.of(run)).isEqualTo(RunStatus.COMPLETED);
        }
        assertThat(Files.readString(runs.get(0).resolve("metrics.csv"))).isEqualTo(reference);
    }
}
