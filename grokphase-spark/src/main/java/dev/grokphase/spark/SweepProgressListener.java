package dev.grokphase.spark;

import org.apache.spark.Success$;
import org.apache.spark.TaskEndReason;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.TaskKilled;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

import dev.grokphase.sweep.PlannedRun;
import dev.grokphase.sweep.RunResult;
import dev.grokphase.sweep.SweepListener;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.IntSupplier;
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
 * <p>Only Java types of the events are used (ids, {@code java.util.Properties}, {@link
 * org.apache.spark.scheduler.TaskInfo}), never a Scala collection: Spark 3.5 for Scala 2.12 and for
 * Scala 2.13 differ in those signatures ({@code stageInfos()} returns a different {@code Seq}), and
 * one jar must run on both. The sweep's stages are therefore learnt from stage-submitted events,
 * which carry the job group, not from the job-start event's stage list.
 *
 * <p>"Running" is the number of attempts started and not yet ended, but at most the number of task
 * slots: Spark may post a freed slot's next task start before the previous task's end (the end
 * waits for its result to be fetched), which would otherwise show more running tasks than slots.
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
    private final IntSupplier slots;
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    /** Runs whose start the sweep's listener was told of and whose end not yet (guarded by this). */
    private final Set<Integer> startsForwarded = new java.util.HashSet<>();
    /** Runs started on Spark whose start waits for a free slot in the listener's eyes (guarded by this). */
    private final java.util.ArrayDeque<Integer> startsWaiting = new java.util.ArrayDeque<>();
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
     * @param slots         how many tasks can run at once now (Integer.MAX_VALUE: unknown)
     */
    public SweepProgressListener(String jobGroup, List<PlannedRun> runs, SweepListener forward,
                                 BiFunction<PlannedRun, Double, RunResult> resultOf, PrintWriter out, long minIntervalMs,
                                 IntSupplier slots) {
        this.jobGroup = jobGroup;
        this.slots = slots;
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
        int slotCount = slots.getAsInt();
        int started = running.size();
        return new Snapshot(keys.size(), completed.get(), Math.min(started, Math.max(slotCount, 0)), failed.get(), killed.get());
    }

    /** Waits until the sweep's job has ended and every one of its task events was delivered. */
    public boolean awaitJobEnd(long timeoutMs) throws InterruptedException {
        return jobEnd.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        if (ours(jobStart.properties())) {
            jobId = jobStart.jobId();
            print("started: %d runs on Spark", keys.size());
        }
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        // A resubmitted stage (after a lost executor's shuffle output) keeps its id: a set suffices.
        if (ours(submitted.properties())) {
            stages.add(submitted.stageInfo().stageId());
        }
    }

    private boolean ours(java.util.Properties p) {
        return p != null && jobGroup.equals(p.getProperty("spark.jobGroup.id"));
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart taskStart) {
        if (stages.contains(taskStart.stageId())) {
            running.add(taskStart.taskInfo().taskId());
            int index = taskStart.taskInfo().index();
            if (index >= 0 && index < runs.size() && taskStart.taskInfo().attemptNumber() == 0) {
                forwardStart(index);
            }
            maybePrint(false);
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (!stages.contains(taskEnd.stageId())) {
            return;
        }
        running.remove(taskEnd.taskInfo().taskId());
        TaskEndReason reason = taskEnd.reason();
        int index = taskEnd.taskInfo().index();
        String key = index >= 0 && index < keys.size() ? keys.get(index) : "#" + index;
        if (reason instanceof Success$) {
            completed.incrementAndGet();
            if (index >= 0 && index < runs.size() && reported.add(key)) {
                forwardFinish(index, resultOf.apply(runs.get(index), taskEnd.taskInfo().duration() / 1000.0));
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

    /** Tells the sweep's listener a run started, once a slot is free in its eyes (see class comment). */
    private synchronized void forwardStart(int index) {
        startsWaiting.add(index);
        drainStarts();
    }

    private synchronized void forwardFinish(int index, RunResult result) {
        if (!startsForwarded.remove(index)) {
            startsWaiting.remove(index);
        }
        forward.finished(result);
        drainStarts();
    }

    private void drainStarts() {
        int limit = Math.max(1, slots.getAsInt());
        while (!startsWaiting.isEmpty() && startsForwarded.size() < limit) {
            int index = startsWaiting.removeFirst();
            startsForwarded.add(index);
            forward.started(runs.get(index), false);
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
