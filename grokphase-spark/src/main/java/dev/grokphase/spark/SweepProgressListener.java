package dev.grokphase.spark;

import org.apache.spark.Success$;
import org.apache.spark.TaskEndReason;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.TaskKilled;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.StageInfo;

import dev.grokphase.sweep.PlannedRun;
import dev.grokphase.sweep.RunResult;
import dev.grokphase.sweep.SweepListener;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Progress of one sweep from Spark's own scheduler events: runs completed, task attempts running,
 * attempts failed (each failure is retried by Spark up to {@code spark.task.maxFailures}). Only the
 * jobs of this sweep's job group are counted, so other work in the same application is ignored.
 * One task is one run, and the task's index is the run's position in the pending list, so a
 * failure line can name the run.
 *
 * <p>The events are also forwarded to the sweep's own {@link SweepListener} (the command's progress
 * display): a task start as {@code started}, a successful task end as {@code finished}, with a
 * result the driver reads from the committed run directory; {@link #reported} tells the executor
 * which runs it need not report again after the job.
 *
 * <p>Events arrive on Spark's listener-bus thread; counters are atomic, and {@link #awaitJobEnd}
 * lets the driver print the final tally only after the bus has delivered every task end (the bus
 * delivers events of one listener in order, and the job end comes after its tasks' ends).
 */
public final class SweepProgressListener extends SparkListener {

    private final String jobGroup;
    private final List<PlannedRun> runs;
    private final List<String> keys;
    private final SweepListener forward;
    private final BiFunction<PlannedRun, Double, RunResult> resultOf;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final PrintWriter out;
    private final long minIntervalNanos;
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger killed = new AtomicInteger();
    private final CountDownLatch jobEnd = new CountDownLatch(1);
    private volatile long lastPrint;
    private volatile int jobId = -1;

    /** Counts of one sweep's task attempts at some moment. */
    public record Snapshot(int total, int completed, int running, int failedAttempts, int killedAttempts) {
    }

    /**
     * @param jobGroup      the job group the sweep's job runs under
     * @param runs          the submitted runs in task-index order
     * @param forward       the sweep's listener (SweepListener.NONE for none)
     * @param resultOf      the result of a run whose task succeeded, given its task's seconds
     * @param out           where progress lines go (null: nowhere)
     * @param minIntervalMs at most one progress line per interval, except failures and the end
     */
    public SweepProgressListener(String jobGroup, List<PlannedRun> runs, SweepListener forward,
                                 BiFunction<PlannedRun, Double, RunResult> resultOf, PrintWriter out, long minIntervalMs) {
        this.jobGroup = jobGroup;
        this.runs = List.copyOf(runs);
        this.keys = runs.stream().map(PlannedRun::key).toList();
        this.forward = forward;
        this.resultOf = resultOf;
        this.out = out;
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMs);
    }

    /** True when the run's success was already forwarded to the sweep's listener. */
    public boolean reported(String key) {
        return reported.contains(key);
    }

    public Snapshot snapshot() {
        return new Snapshot(keys.size(), completed.get(), running.get(), failed.get(), killed.get());
    }

    /** Waits until the sweep's job has ended and every one of its task events was delivered. */
    public boolean awaitJobEnd(long timeoutMs) throws InterruptedException {
        return jobEnd.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        if (jobGroup.equals(jobStart.properties().getProperty("spark.jobGroup.id"))) {
            jobId = jobStart.jobId();
            for (StageInfo s : scala.jdk.javaapi.CollectionConverters.asJava(jobStart.stageInfos())) {
                stages.add(s.stageId());
            }
            print("started: %d runs on Spark", keys.size());
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart taskStart) {
        if (stages.contains(taskStart.stageId())) {
            running.incrementAndGet();
            int index = taskStart.taskInfo().index();
            if (index >= 0 && index < runs.size() && taskStart.taskInfo().attemptNumber() == 0) {
                forward.started(runs.get(index), false);
            }
            maybePrint(false);
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (!stages.contains(taskEnd.stageId())) {
            return;
        }
        running.decrementAndGet();
        TaskEndReason reason = taskEnd.reason();
        int index = taskEnd.taskInfo().index();
        String key = index >= 0 && index < keys.size() ? keys.get(index) : "#" + index;
        if (reason instanceof Success$) {
            completed.incrementAndGet();
            if (index >= 0 && index < runs.size() && reported.add(key)) {
                forward.finished(resultOf.apply(runs.get(index), taskEnd.taskInfo().duration() / 1000.0));
            }
            maybePrint(completed.get() == keys.size());
        } else if (reason instanceof TaskKilled) {
            // The losing copy of a speculative pair, or a cancelled job: not a failure of the run.
            killed.incrementAndGet();
        } else {
            failed.incrementAndGet();
            String why = reason instanceof TaskFailedReason f ? firstLine(f.toErrorString()) : String.valueOf(reason);
            print("attempt %d of run %s failed (Spark retries it): %s", taskEnd.taskInfo().attemptNumber(), key, why);
        }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
        // Job end carries no job group: match the id recorded at the job's start.
        if (end.jobId() == jobId) {
            jobEnd.countDown();
        }
    }

    private void maybePrint(boolean force) {
        long now = System.nanoTime();
        if (force || now - lastPrint >= minIntervalNanos) {
            lastPrint = now;
            Snapshot s = snapshot();
            print("%d/%d runs completed, %d running, %d failed attempts", s.completed(), s.total(), s.running(), s.failedAttempts());
        }
    }

    private void print(String format, Object... args) {
        if (out != null) {
            out.println("sweep[spark]: " + String.format(Locale.ROOT, format, args));
            out.flush();
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
