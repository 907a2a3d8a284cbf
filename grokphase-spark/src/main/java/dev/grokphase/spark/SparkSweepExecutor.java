package dev.grokphase.spark;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.sweep.PlannedRun;
import dev.grokphase.sweep.RunResult;
import dev.grokphase.sweep.RunStatus;
import dev.grokphase.sweep.SweepExecutor;
import dev.grokphase.sweep.SweepListener;
import dev.grokphase.sweep.SweepRunner;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The sweep executor on Apache Spark: one Spark task per planned run, each run's directory
 * committed atomically into {@code ROOT/runs/KEY} on any Hadoop file system ({@link HadoopRunStore}).
 * A task performs its run through {@link SweepRunner#runOne}, exactly as the local executor does,
 * so the run directories are the same files with the same bytes.
 *
 * <p>Skipping: the driver reads every run's manifest status first and submits only runs not done;
 * re-submitting a finished sweep starts no Spark job at all. A task that finds its run committed
 * (a retry after a lost success report, a speculative copy) does nothing. An unfinished directory
 * under {@code runs/} (a killed local sweep) is moved aside to {@code _stale/} and the run is
 * recomputed from its seeds, which gives what a resume would (resume is bit-identical).
 *
 * <p>Only done runs (completed, diverged) are committed; a failed run is reported with its
 * one-line error in the summary and its key stays free, so the next submission tries it again.
 *
 * <p>Made by {@link SparkSweepExecutorFactory} for {@code grokphase sweep --executor spark}: it
 * joins the SparkContext that spark-submit configured (or starts one, {@code local[*]} unless told
 * otherwise), and takes its output root from {@code --executor-option output=URI} or
 * {@code spark.grokphase.output} when set (an HDFS or S3 URI), else from {@code --out}.
 */
public final class SparkSweepExecutor implements SweepExecutor {

    /** Spark configuration key: output root URI overriding the sweep's local {@code --out}. */
    public static final String OUTPUT_CONF = "spark.grokphase.output";

    /** Errors of a jar built against another Spark or Scala than the cluster's (not fixed by retrying). */
    private static final java.util.regex.Pattern LINKAGE = java.util.regex.Pattern.compile(
            "NoSuchMethodError|NoSuchFieldError|NoClassDefFoundError|ClassNotFoundException|AbstractMethodError"
                    + "|IncompatibleClassChangeError|InvalidClassException|UnsupportedClassVersionError");

    private JavaSparkContext jsc;
    private boolean ownsContext;
    private final String master;
    private final String output;
    private final Map<String, String> sparkConf;
    private final HandlerSource handlers;
    private final PrintWriter progressOut;
    private final long progressIntervalMs;
    private final FailureInjection injection;
    private volatile SweepProgressListener.Snapshot lastProgress;

    /**
     * For {@code --executor spark}: the SparkContext that spark-submit configured (or a new one),
     * handlers discovered on each executor, progress to stderr.
     *
     * @param master used only when spark-submit set no master (null: {@code local[*]})
     * @param output output root URI overriding {@code --out} and {@link #OUTPUT_CONF} (null: none)
     */
    public SparkSweepExecutor(String master, String output) {
        this(master, output, Map.of());
    }

    /** As {@link #SparkSweepExecutor(String, String)}, with Spark settings for a context it starts itself. */
    public SparkSweepExecutor(String master, String output, Map<String, String> sparkConf) {
        this.jsc = null;
        this.ownsContext = false;
        this.master = master;
        this.output = output;
        this.sparkConf = Map.copyOf(sparkConf);
        this.handlers = HandlerSource.discover();
        this.progressOut = new PrintWriter(System.err, true);
        this.progressIntervalMs = 2000;
        this.injection = null;
    }

    /**
     * @param jsc                the Spark context to run on (not stopped by this executor)
     * @param handlers           how each executor JVM gets its run handlers
     * @param progressOut        where progress lines go (null: nowhere)
     * @param progressIntervalMs at most one progress line per interval (failures always print)
     * @param injection          a deliberate failure for tests (null: none, or {@link FailureInjection#CONF})
     */
    public SparkSweepExecutor(JavaSparkContext jsc, HandlerSource handlers, PrintWriter progressOut,
                              long progressIntervalMs, FailureInjection injection) {
        this.jsc = jsc;
        this.ownsContext = false;
        this.master = null;
        this.output = null;
        this.sparkConf = Map.of();
        this.handlers = handlers;
        this.progressOut = progressOut;
        this.progressIntervalMs = progressIntervalMs;
        this.injection = injection;
    }

    @Override
    public String name() {
        return "spark";
    }

    /** Counts from Spark's listener for the last submitted job (null when the last call submitted none). */
    public SweepProgressListener.Snapshot lastProgress() {
        return lastProgress;
    }

    @Override
    public List<RunResult> execute(List<PlannedRun> runs, Path root, SweepListener listener) {
        JavaSparkContext sc = context();
        try {
            SparkVersions.requireSupported(sc.version(), SparkVersions.scalaVersion(), progressOut);
            String out = output != null ? output : sc.getConf().get(OUTPUT_CONF, root.toAbsolutePath().toUri().toString());
            return execute(sc, runs, new HadoopRunStore(out, sc.hadoopConfiguration()), listener);
        } finally {
            if (ownsContext) {
                sc.stop();
                jsc = null;
            }
        }
    }

    /** The output URI when runs go elsewhere than {@code --out} (output= or spark.grokphase.output), else null. */
    @Override
    public String runRoot(Path root) {
        String out = output != null ? output : context().getConf().get(OUTPUT_CONF, null);
        return out == null || out.equals(root.toAbsolutePath().toUri().toString()) ? null : out;
    }

    private JavaSparkContext context() {
        if (jsc == null) {
            // Stop the context afterwards only if this executor started it. (getActive is
            // private[spark] in Scala, public in bytecode; the public getOrCreate gives no such answer.)
            ownsContext = org.apache.spark.SparkContext$.MODULE$.getActive().isEmpty();
            SparkConf conf = new SparkConf()
                    .setIfMissing("spark.master", master != null ? master : "local[*]")
                    .setIfMissing("spark.app.name", "grokphase sweep");
            sparkConf.forEach(conf::setIfMissing);
            jsc = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
        }
        return jsc;
    }

    private List<RunResult> execute(JavaSparkContext sc, List<PlannedRun> runs, HadoopRunStore store,
                                    SweepListener listener) {
        Set<String> seen = new HashSet<>();
        for (PlannedRun r : runs) {
            if (!seen.add(r.key())) {
                throw GrokphaseException.invalid("run key", r.key(), "two runs of the sweep have the same key");
            }
        }
        listener.planned(runs.size());
        String appId = sc.sc().applicationId();
        Map<String, RunResult> byKey = new HashMap<>();
        List<PlannedRun> pending = new ArrayList<>();
        Set<String> present = store.presentKeys();
        for (PlannedRun r : runs) {
            RunStatus s = present.contains(r.key()) ? store.status(r.key()) : RunStatus.ABSENT;
            if (s.isDone()) {
                RunResult done = new RunResult(r, store.runLocation(r.key()), s, true, false, 0.0, "");
                byKey.put(r.key(), done);
                listener.finished(done);
            } else {
                if (s == RunStatus.INCOMPLETE) {
                    listener.note(r, "run " + r.key() + " is marked completed but " + store.completenessProblem(r.key())
                            + ": recomputing it");
                }
                if (s != RunStatus.ABSENT) {
                    store.moveAside(r.key(), appId);
                }
                pending.add(r);
            }
        }
        lastProgress = null;
        if (!pending.isEmpty()) {
            for (RunResult r : submit(sc, pending, store, appId, listener)) {
                byKey.put(r.planned().key(), r);
            }
        } else if (progressOut != null) {
            progressOut.println("sweep[spark]: all " + runs.size() + " runs already done under " + store.root() + "; nothing to submit");
            progressOut.flush();
        }
        List<RunResult> inPlanOrder = new ArrayList<>(runs.size());
        for (PlannedRun r : runs) {
            inPlanOrder.add(byKey.get(r.key()));
        }
        return inPlanOrder;
    }

    private List<RunResult> submit(JavaSparkContext sc, List<PlannedRun> pending, HadoopRunStore store, String appId,
                                   SweepListener listener) {
        FailureInjection inject = injection != null ? injection
                : FailureInjection.parse(sc.getConf().get(FailureInjection.CONF, ""));
        HandlerSource source = handlers;
        String group = "grokphase-sweep-" + UUID.randomUUID();
        SweepProgressListener progress = new SweepProgressListener(group, pending, listener,
                (run, seconds) -> committedResult(store, run, seconds), progressOut, progressIntervalMs,
                () -> SparkVersions.taskSlots(sc.sc()));
        sc.sc().addSparkListener(progress);
        sc.setJobGroup(group, "grokphase sweep: " + pending.size() + " runs -> " + store.root(), false);
        try {
            // numSlices = runs: one partition, hence one task (and one retry unit), per run.
            List<RunResult> results = sc.parallelize(pending, pending.size())
                    .map(run -> runTask(run, store, appId, source, inject))
                    .collect();
            progress.awaitJobEnd(10_000);
            for (RunResult r : results) {
                if (!progress.reported(r.planned().key())) {
                    listener.finished(r);
                }
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GrokphaseException(ErrorCode.IO, "interrupted while waiting for the sweep's Spark job to end", e);
        } catch (Exception e) {
            // SparkException (checked in Java's eyes, undeclared by Scala): a task failed
            // spark.task.maxFailures times. A run's own failure never gets here (runOne records it).
            if (e instanceof RuntimeException r && !(e.getClass().getName().startsWith("org.apache.spark"))) {
                throw r;
            }
            String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            if (isLinkageFailure(String.valueOf(e.getMessage()))) {
                // The same jar on the same cluster fails the same way: no resubmission helps.
                throw new GrokphaseException(ErrorCode.IO, "the sweep's Spark job failed because grokphase-spark.jar does not "
                        + "fit this cluster's Spark " + sc.version() + " (Scala " + SparkVersions.scalaVersion() + "; the jar "
                        + "fits Spark 3.5 for Scala 2.12 or 2.13, built from these sources); committed runs are kept: " + msg, e);
            }
            throw new GrokphaseException(ErrorCode.IO, "the sweep's Spark job failed (committed runs are kept; "
                    + "resubmit to continue): " + msg, e);
        } finally {
            lastProgress = progress.snapshot();
            sc.clearJobGroup();
            sc.sc().removeSparkListener(progress);
            // Work areas of this application's failed attempts; committed ones were renamed away.
            store.cleanAttempts(appId);
        }
    }

    /** True when a failed job's message shows a jar built against another Spark or Scala. */
    static boolean isLinkageFailure(String sparkMessage) {
        return LINKAGE.matcher(sparkMessage).find();
    }

    /** What the driver knows of a run whose task succeeded: its committed directory's status. */
    private static RunResult committedResult(HadoopRunStore store, PlannedRun run, double seconds) {
        RunStatus s = store.status(run.key());
        return s.isDone()
                ? new RunResult(run, store.runLocation(run.key()), s, false, false, seconds, "")
                : new RunResult(run, store.runLocation(run.key()), RunStatus.FAILED, false, false, seconds,
                "the run did not complete (see summary.csv)");
    }

    /** The body of one task: run into executor-local disk, copy to the attempt's work area, commit. */
    static RunResult runTask(PlannedRun run, HadoopRunStore store, String appId, HandlerSource handlers,
                             FailureInjection inject) {
        TaskContext tc = TaskContext.get();
        int attemptNumber = tc == null ? 0 : tc.attemptNumber();
        String attempt = appId + "-" + (tc == null ? "driver" : tc.stageId() + "." + tc.stageAttemptNumber() + "-" + tc.taskAttemptId());
        String key = run.key();
        if (store.isCommitted(key)) {
            return new RunResult(run, store.runLocation(key), store.status(key), true, false, 0.0, "");
        }
        Path local = null;
        try {
            local = Files.createTempDirectory("grokphase-task-");
            // The run uses the cores its task was given (spark.task.cpus), not the executor's all.
            int cores = tc == null ? dev.grokphase.sweep.Cores.available() : tc.cpus();
            RunResult r = SweepRunner.runOne(run, local, handlers.get(), SweepListener.NONE, cores);
            if (!r.status().isDone()) {
                // Not committed: the key stays free, so the next submission tries the run again.
                return new RunResult(run, store.runLocation(key), r.status(), false, false, r.wallSeconds(), r.error());
            }
            Path runDir = SweepRunner.runDir(local, run);
            org.apache.hadoop.fs.Path work = store.newAttempt(key, attempt);
            boolean first = true;
            for (String rel : HadoopRunStore.localFiles(runDir)) {
                store.upload(runDir, rel, work);
                if (first && inject != null) {
                    inject.maybeFail(key, attemptNumber, FailureInjection.Phase.MID_UPLOAD);
                }
                first = false;
            }
            HadoopRunStore.Commit c = store.commit(key, work);
            if (inject != null) {
                inject.maybeFail(key, attemptNumber, FailureInjection.Phase.AFTER_COMMIT);
            }
            boolean won = c == HadoopRunStore.Commit.COMMITTED;
            return new RunResult(run, store.runLocation(key), won ? r.status() : store.status(key), !won, false,
                    r.wallSeconds(), "");
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
