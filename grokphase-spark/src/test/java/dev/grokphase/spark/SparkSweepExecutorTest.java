package dev.grokphase.spark;

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
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spark executor in local mode. {@code local[2,2]}: two worker threads, and each task may fail
 * twice before the job fails (Spark's local[N,F] form of spark.task.maxFailures), so an injected
 * failure of a first attempt is retried.
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

    private static List<ToyRun> sweep(int n) {
        return IntStream.range(0, n).mapToObj(i -> new ToyRun("run-" + i, 1000 + i, 200)).toList();
    }

    private static Path localReference(Path root, List<ToyRun> runs) throws IOException {
        for (ToyRun r : runs) {
            Path d = root.resolve(r.key());
            Files.createDirectories(d);
            r.writeTo(d);
        }
        return root;
    }

    private SparkSweepExecutor.Result submit(List<ToyRun> runs, Path out, StringWriter log) {
        return new SparkSweepExecutor(jsc, new PrintWriter(log, true), 0).execute(runs, out.toUri().toString());
    }

    @Test
    void sparkRunsAreBitIdenticalToLocalRunsAndResubmissionDoesNoWork() throws IOException {
        List<ToyRun> runs = sweep(6);
        Path local = localReference(tmp.resolve("local"), runs);
        Path out = tmp.resolve("spark");
        StringWriter log = new StringWriter();
        SparkSweepExecutor.Result first = submit(runs, out, log);
        assertThat(first.committed()).isEqualTo(6);
        assertThat(first.progress().completed()).isEqualTo(6);
        assertThat(first.progress().running()).isZero();
        assertThat(TreeDiff.diff(local, out)).isEmpty();
        assertThat(log.toString()).contains("6/6 runs completed");

        List<FileTime> stamps = new ArrayList<>();
        for (String f : TreeDiff.files(out)) {
            stamps.add(Files.getLastModifiedTime(out.resolve(f)));
        }
        int calls = ToyRun.CALLS.get();
        SparkSweepExecutor.Result again = submit(runs, out, log);
        assertThat(again.submitted()).isZero();
        assertThat(again.alreadyDone()).isEqualTo(6);
        assertThat(again.progress()).isNull();
        assertThat(ToyRun.CALLS.get()).isEqualTo(calls);
        List<FileTime> after = new ArrayList<>();
        for (String f : TreeDiff.files(out)) {
            after.add(Files.getLastModifiedTime(out.resolve(f)));
        }
        assertThat(after).isEqualTo(stamps);
    }

    @Test
    void anInjectedFailureMidUploadIsRetriedAndLeavesAWholeResultSet() throws IOException {
        List<ToyRun> runs = sweep(4);
        Path local = localReference(tmp.resolve("local"), runs);
        Path out = tmp.resolve("spark");
        StringWriter log = new StringWriter();
        jsc.sc().conf().set(FailureInjection.CONF, "run-2@mid-upload");
        try {
            SparkSweepExecutor.Result r = submit(runs, out, log);
            assertThat(r.progress().failedAttempts()).isEqualTo(1);
            assertThat(r.progress().completed()).isEqualTo(4);
            assertThat(r.committed()).isEqualTo(4);
        } finally {
            jsc.sc().conf().remove(FailureInjection.CONF);
        }
        assertThat(log.toString()).contains("run run-2 failed").contains("injected failure");
        assertThat(TreeDiff.diff(local, out)).isEmpty();
        assertThat(out.resolve(HadoopRunStore.ATTEMPTS)).doesNotExist();
    }

    @Test
    void aRetryAfterACommittedAttemptFindsTheRunDoneAndWritesNothing() throws IOException {
        List<ToyRun> runs = sweep(3);
        Path local = localReference(tmp.resolve("local"), runs);
        Path out = tmp.resolve("spark");
        jsc.sc().conf().set(FailureInjection.CONF, "run-0@after-commit");
        try {
            SparkSweepExecutor.Result r = submit(runs, out, new StringWriter());
            assertThat(r.progress().failedAttempts()).isEqualTo(1);
            assertThat(r.reports()).filteredOn(t -> t.key().equals("run-0"))
                    .singleElement().extracting(SparkSweepExecutor.TaskReport::outcome)
                    .isEqualTo(SparkSweepExecutor.RunOutcome.ALREADY_COMMITTED);
        } finally {
            jsc.sc().conf().remove(FailureInjection.CONF);
        }
        assertThat(TreeDiff.diff(local, out)).isEmpty();
    }
}
