package dev.grokphase.spark;

import dev.grokphase.sweep.ExperimentSpec;
import dev.grokphase.sweep.LocalSweepExecutor;
import dev.grokphase.sweep.RunHandlers;
import dev.grokphase.sweep.RunResult;
import dev.grokphase.sweep.RunStatus;
import dev.grokphase.sweep.Scale;
import dev.grokphase.sweep.SpecLoader;
import dev.grokphase.sweep.Sweep;
import dev.grokphase.sweep.SweepListener;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spark executor in local mode against the local executor, on a stand-in handler
 * ({@link FakeHandler}). {@code local[2,2]}: two worker threads, and each task may fail twice
 * before the job fails (Spark's local[N,F] form of spark.task.maxFailures), so an injected failure
 * of a first attempt is retried.
 */
class SparkSweepExecutorTest {

    private static JavaSparkContext jsc;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        jsc = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("grokphase-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        jsc.stop();
    }

    static ExperimentSpec spec(int runs) {
        StringBuilder seeds = new StringBuilder();
        for (int i = 0; i < runs; i++) {
            seeds.append(i == 0 ? "" : ", ").append(1000 + i);
        }
        return SpecLoader.parse("fake.yaml", "id: fake\ntitle: stand-in sweep\ntraining:\n"
                + "  - id: walk\n    command: train fake\n    grid: {seed: [" + seeds + "]}\n");
    }

    private static RunHandlers handlers() {
        return new RunHandlers(List.of(new FakeHandler()));
    }

    private SparkSweepExecutor spark(StringWriter log, FailureInjection inject) {
        return new SparkSweepExecutor(jsc, () -> new RunHandlers(List.of(new FakeHandler())),
                new PrintWriter(log, true), 0, inject);
    }

    private static Path localReference(Path root, ExperimentSpec spec) {
        Sweep.run(spec, Scale.DEFAULT, root, new LocalSweepExecutor(1, handlers()), SweepListener.NONE);
        return root.resolve("runs");
    }

    @Test
    void sparkRunsWithOurJacksonNotAnOlderOne() {
        // Spark 3.5 ships 2.15.2; we align on 2.15.4 (DESIGN.md pitfall) and must not get Avro's 2.14.
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString()).isEqualTo("2.15.4");
        assertThat(com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString()).isEqualTo("2.15.4");
        assertThat(jsc.parallelize(List.of(1, 2, 3, 4), 4).map(x -> x * x).reduce(Integer::sum)).isEqualTo(30);
    }

    @Test
    void sparkRunsAreBitIdenticalToLocalRunsAndResubmissionDoesNoWork() throws IOException {
        ExperimentSpec spec = spec(6);
        Path local = localReference(tmp.resolve("local"), spec);
        Path out = tmp.resolve("spark");
        StringWriter log = new StringWriter();
        SparkSweepExecutor ex = spark(log, null);
        List<RunResult> first = Sweep.run(spec, Scale.DEFAULT, out, ex, SweepListener.NONE);
        assertThat(first).hasSize(6).allMatch(r -> r.status() == RunStatus.COMPLETED && !r.skipped());
        assertThat(ex.lastProgress().completed()).isEqualTo(6);
        assertThat(ex.lastProgress().running()).isZero();
        assertThat(TreeDiff.files(local)).hasSize(6 * 5); // manifest, metrics, summary, two observables
        assertThat(TreeDiff.diff(local, out.resolve("runs"))).isEmpty();
        assertThat(log.toString()).contains("6/6 runs completed");
        assertThat(Files.readAllLines(Sweep.sweepDir(out, spec, Scale.DEFAULT).resolve("summary.csv"))).hasSize(7);

        List<FileTime> stamps = new ArrayList<>();
        for (String f : TreeDiff.files(out.resolve("runs"))) {
            stamps.add(Files.getLastModifiedTime(out.resolve("runs").resolve(f)));
        }
        int calls = FakeHandler.CALLS.get();
        List<RunResult> again = Sweep.run(spec, Scale.DEFAULT, out, ex, SweepListener.NONE);
        assertThat(again).hasSize(6).allMatch(RunResult::skipped);
        assertThat(ex.lastProgress()).as("no Spark job was submitted").isNull();
        assertThat(FakeHandler.CALLS.get()).isEqualTo(calls);
        List<FileTime> after = new ArrayList<>();
        for (String f : TreeDiff.files(out.resolve("runs"))) {
            after.add(Files.getLastModifiedTime(out.resolve("runs").resolve(f)));
        }
        assertThat(after).isEqualTo(stamps);
    }

    /** Counts runs started and not yet finished, as the sweep's progress display does. */
    private static final class Concurrency implements SweepListener {
        int now;
        int max;

        @Override
        public synchronized void started(dev.grokphase.sweep.PlannedRun run, boolean resume) {
            max = Math.max(max, ++now);
        }

        @Override
        public synchronized void finished(RunResult r) {
            if (!r.skipped()) {
                now--;
            }
        }
    }

    @Test
    void eachRunGetsItsTasksCoresAndProgressNeverShowsMoreRunningThanSlots() {
        // local[2,2]: two slots, spark.task.cpus = 1, on a machine whose JVM may see more cores.
        ExperimentSpec spec = spec(8);
        FakeHandler.GRANTED.clear();
        StringWriter log = new StringWriter();
        Concurrency seen = new Concurrency();
        Sweep.run(spec, Scale.DEFAULT, tmp.resolve("spark"), spark(log, null), seen);
        assertThat(FakeHandler.GRANTED).containsExactly(1);
        assertThat(seen.max).isBetween(1, 2);
        assertThat(seen.now).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) running").matcher(log.toString());
        while (m.find()) {
            assertThat(Integer.parseInt(m.group(1))).as(log.toString()).isLessThanOrEqualTo(2);
        }
        assertThat(SparkVersions.taskSlots(jsc.sc())).isEqualTo(2);
    }

    @Test
    void anInjectedFailureMidUploadIsRetriedAndLeavesAWholeResultSet() {
        ExperimentSpec spec = spec(4);
        Path local = localReference(tmp.resolve("local"), spec);
        String victim = spec.plan(Scale.DEFAULT).get(2).key();
        Path out = tmp.resolve("spark");
        StringWriter log = new StringWriter();
        SparkSweepExecutor ex = spark(log, new FailureInjection(victim, FailureInjection.Phase.MID_UPLOAD));
        List<RunResult> res = Sweep.run(spec, Scale.DEFAULT, out, ex, SweepListener.NONE);
        assertThat(ex.lastProgress().failedAttempts()).isEqualTo(1);
        assertThat(ex.lastProgress().completed()).isEqualTo(4);
        assertThat(res).allMatch(r -> r.status() == RunStatus.COMPLETED && !r.skipped());
        assertThat(log.toString()).contains("run " + victim + " failed").contains("injected failure");
        assertThat(TreeDiff.diff(local, out.resolve("runs"))).isEmpty();
        assertThat(out.resolve(HadoopRunStore.ATTEMPTS)).doesNotExist();
    }

    @Test
    void aRetryAfterACommittedAttemptFindsTheRunDoneAndWritesNothing() {
        ExperimentSpec spec = spec(3);
        Path local = localReference(tmp.resolve("local"), spec);
        String victim = spec.plan(Scale.DEFAULT).get(0).key();
        Path out = tmp.resolve("spark");
        SparkSweepExecutor ex = spark(new StringWriter(), new FailureInjection(victim, FailureInjection.Phase.AFTER_COMMIT));
        List<RunResult> res = Sweep.run(spec, Scale.DEFAULT, out, ex, SweepListener.NONE);
        assertThat(ex.lastProgress().failedAttempts()).isEqualTo(1);
        assertThat(res.get(0).skipped()).as("the retry found the committed run").isTrue();
        assertThat(res).allMatch(r -> r.status() == RunStatus.COMPLETED);
        assertThat(TreeDiff.diff(local, out.resolve("runs"))).isEmpty();
    }

    @Test
    void anUnfinishedLocalRunIsMovedAsideAndRecomputed() throws IOException {
        ExperimentSpec spec = spec(2);
        Path local = localReference(tmp.resolve("local"), spec);
        Path out = tmp.resolve("spark");
        String key = spec.plan(Scale.DEFAULT).get(1).key();
        Files.createDirectories(out.resolve("runs").resolve(key));
        Files.writeString(out.resolve("runs").resolve(key).resolve("manifest.json"), "{\"status\":\"interrupted\"}");
        List<RunResult> res = Sweep.run(spec, Scale.DEFAULT, out, spark(new StringWriter(), null), SweepListener.NONE);
        assertThat(res).allMatch(r -> r.status() == RunStatus.COMPLETED && !r.skipped());
        assertThat(TreeDiff.diff(local, out.resolve("runs"))).isEmpty();
        assertThat(out.resolve(HadoopRunStore.STALE)).isDirectory();
    }

    @Test
    void aCompletedRunThatLostItsSummaryIsRecomputedWithANote() throws IOException {
        ExperimentSpec spec = spec(2);
        Path local = localReference(tmp.resolve("local-inc"), spec);
        Path out = tmp.resolve("spark-inc");
        Sweep.run(spec, Scale.DEFAULT, out, spark(new StringWriter(), null), SweepListener.NONE);
        String key = spec.plan(Scale.DEFAULT).get(0).key();
        Files.delete(out.resolve("runs").resolve(key).resolve("summary.json"));
        List<String> notes = new ArrayList<>();
        SweepListener listener = new SweepListener() {
            @Override
            public synchronized void note(dev.grokphase.sweep.PlannedRun run, String message) {
                notes.add(message);
            }
        };
        int calls = FakeHandler.CALLS.get();
        List<RunResult> res = Sweep.run(spec, Scale.DEFAULT, out, spark(new StringWriter(), null), listener);
        assertThat(res).allMatch(r -> r.status() == RunStatus.COMPLETED);
        assertThat(FakeHandler.CALLS.get()).as("only the damaged run is computed again").isEqualTo(calls + 1);
        assertThat(notes).singleElement().asString().contains(key).contains("summary.json is missing");
        assertThat(TreeDiff.diff(local, out.resolve("runs"))).isEmpty();
    }
}
