package dev.grokphase.spark;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Runs a sweep's runs as Spark tasks, one task per run, committing each run directory atomically
 * into a {@link HadoopRunStore}. The driver first lists the committed keys and submits only the
 * missing runs, so re-submitting a finished sweep starts no Spark job at all; a task that finds
 * its run already committed (a retry after a lost success report, a speculative copy) does nothing.
 *
 * <p>In a task: the run writes its directory on the executor's local disk (the run code knows
 * only {@code java.nio} paths), the files are copied into the attempt's private work area on the
 * target file system, and the work area is renamed to the run's key if that key is still absent.
 */
public final class SparkSweepExecutor {

    /** What happened to one run in this submission. */
    public enum RunOutcome { COMMITTED, ALREADY_COMMITTED }

    /** One task's report to the driver. */
    public record TaskReport(String key, RunOutcome outcome, String attempt) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /**
     * Result of a submission.
     *
     * @param total            runs in the sweep
     * @param alreadyDone      runs found committed before the job (not submitted)
     * @param reports          one report per submitted run
     * @param progress         the listener's final counts (null when nothing was submitted)
     */
    public record Result(int total, int alreadyDone, List<TaskReport> reports, SweepProgressListener.Snapshot progress) {
        public long committed() {
            return reports.stream().filter(r -> r.outcome() == RunOutcome.COMMITTED).count();
        }

        public int submitted() {
            return reports.size();
        }
    }

    private final JavaSparkContext jsc;
    private final PrintWriter progressOut;
    private final long progressIntervalMs;

    public SparkSweepExecutor(JavaSparkContext jsc, PrintWriter progressOut, long progressIntervalMs) {
        this.jsc = jsc;
        this.progressOut = progressOut;
        this.progressIntervalMs = progressIntervalMs;
    }

    /** Runs every run of {@code runs} not yet committed under {@code root}, one Spark task each. */
    public Result execute(List<? extends SparkRun> runs, String root) {
        Set<String> seen = new HashSet<>();
        for (SparkRun r : runs) {
            if (!seen.add(r.key())) {
                throw GrokphaseException.invalid("run key", r.key(), "two runs of the sweep have the same key");
            }
        }
        HadoopRunStore store = new HadoopRunStore(root, jsc.hadoopConfiguration());
        Set<String> done = store.committedKeys();
        List<SparkRun> pending = new ArrayList<>();
        for (SparkRun r : runs) {
            if (!done.contains(r.key())) {
                pending.add(r);
            }
        }
        int alreadyDone = runs.size() - pending.size();
        if (pending.isEmpty()) {
            if (progressOut != null) {
                progressOut.println("sweep[spark]: all " + runs.size() + " runs already committed under " + root + "; nothing to do");
                progressOut.flush();
            }
            return new Result(runs.size(), alreadyDone, List.of(), null);
        }

        String appId = jsc.sc().applicationId();
        FailureInjection inject = FailureInjection.parse(jsc.getConf().get(FailureInjection.CONF, ""));
        String group = "grokphase-sweep-" + UUID.randomUUID();
        List<String> keys = pending.stream().map(SparkRun::key).toList();
        SweepProgressListener listener = new SweepProgressListener(group, keys, progressOut, progressIntervalMs);
        jsc.sc().addSparkListener(listener);
        jsc.setJobGroup(group, "grokphase sweep: " + pending.size() + " runs -> " + root, false);
        List<TaskReport> reports;
        try {
            // numSlices = runs: one partition, hence one task, per run.
            reports = jsc.parallelize(pending, pending.size())
                    .map(run -> runTask(run, store, appId, inject))
                    .collect();
            listener.awaitJobEnd(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GrokphaseException(ErrorCode.IO, "interrupted while waiting for the sweep's job to end", e);
        } finally {
            jsc.clearJobGroup();
            jsc.sc().removeSparkListener(listener);
            // Work areas of failed attempts of this application; committed ones were renamed away.
            store.cleanAttempts(appId);
        }
        return new Result(runs.size(), alreadyDone, reports, listener.snapshot());
    }

    /** The body of one task: compute locally, copy to the attempt's work area, commit. */
    static TaskReport runTask(SparkRun run, HadoopRunStore store, String appId, FailureInjection inject) {
        TaskContext tc = TaskContext.get();
        int attemptNumber = tc == null ? 0 : tc.attemptNumber();
        String attempt = appId + "-" + (tc == null ? "driver" : tc.stageId() + "." + tc.stageAttemptNumber() + "-" + tc.taskAttemptId());
        if (store.isCommitted(run.key())) {
            return new TaskReport(run.key(), RunOutcome.ALREADY_COMMITTED, attempt);
        }
        Path local = null;
        try {
            local = Files.createTempDirectory("grokphase-run-");
            run.writeTo(local);
            org.apache.hadoop.fs.Path work = store.newAttempt(run.key(), attempt);
            boolean first = true;
            for (String rel : HadoopRunStore.localFiles(local)) {
                store.upload(local, rel, work);
                if (first && inject != null) {
                    inject.maybeFail(run.key(), attemptNumber, FailureInjection.Phase.MID_UPLOAD);
                }
                first = false;
            }
            HadoopRunStore.Commit c = store.commit(run.key(), work);
            if (inject != null) {
                inject.maybeFail(run.key(), attemptNumber, FailureInjection.Phase.AFTER_COMMIT);
            }
            return new TaskReport(run.key(),
                    c == HadoopRunStore.Commit.COMMITTED ? RunOutcome.COMMITTED : RunOutcome.ALREADY_COMMITTED, attempt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(local);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory on an executor's local disk harms no result
        }
    }
}
