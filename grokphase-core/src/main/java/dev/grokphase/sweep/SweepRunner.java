package dev.grokphase.sweep;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.store.DirectoryLock;

import java.nio.file.Path;

/**
 * Runs one planned run with skip/resume semantics. Every executor calls this for each unit of
 * work, so skipping and resuming behave the same locally and on a cluster.
 */
public final class SweepRunner {

    private SweepRunner() {
    }

    /** The run directory of {@code run} under a sweep root. */
    public static Path runDir(Path root, PlannedRun run) {
        return root.resolve("runs").resolve(run.key());
    }

    /** Empties a run directory for a fresh start, keeping the directory and its (held) lock file. */
    static void clear(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return;
        }
        Path lock = dir.resolve(DirectoryLock.FILE);
        try (var walk = java.nio.file.Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir) && !p.equals(lock)) {
                    java.nio.file.Files.deleteIfExists(p);
                }
            }
        } catch (java.io.IOException e) {
            throw new GrokphaseException(dev.grokphase.error.ErrorCode.IO, "cannot clear " + dir + " for a fresh run: " + e.getMessage(), e);
        }
    }

    /** As {@link #runOne(PlannedRun, Path, RunHandlers, SweepListener, int)} with every core of the machine. */
    public static RunResult runOne(PlannedRun run, Path root, RunHandlers handlers, SweepListener listener) {
        return runOne(run, root, handlers, listener, Cores.available());
    }

    /**
     * Performs one run unless it is done (skip), resuming an interrupted one, under its directory's
     * lock: a run another process (or thread) is writing is waited for, then skipped if that writer
     * completed it. Completed runs whose files are incomplete are recomputed from scratch, with a
     * note saying why.
     *
     * @param cores the CPU cores the run may use ({@link Cores}): its executor's grant
     */
    public static RunResult runOne(PlannedRun run, Path root, RunHandlers handlers, SweepListener listener, int cores) {
        Path dir = runDir(root, run);
        try (DirectoryLock lock = DirectoryLock.acquireWaiting(dir, holder -> listener.note(run,
                "run " + run.key() + " is being written by another grokphase process (" + holder + "); waiting for it"))) {
            return runLocked(run, dir, handlers, listener, cores);
        }
    }

    private static RunResult runLocked(PlannedRun run, Path dir, RunHandlers handlers, SweepListener listener, int cores) {
        RunStatus before = RunStatus.of(dir);
        if (before == RunStatus.INCOMPLETE) {
            listener.note(run, "run " + run.key() + " is marked completed but " + RunCompleteness.problem(dir) + ": recomputing it");
            clear(dir);
            before = RunStatus.ABSENT;
        }
        if (before.isDone()) {
            RunResult r = new RunResult(run, dir.toString(), before, true, false, 0.0, "");
            listener.finished(r);
            return r;
        }
        boolean resume = before != RunStatus.ABSENT && before != RunStatus.UNREADABLE;
        if (!resume) {
            // No readable manifest: whatever is there (a log of an attempt that failed before step 0)
            // holds no result, and the run layer wants an empty directory for a fresh start.
            clear(dir);
        }
        listener.started(run, resume);
        long t0 = System.nanoTime();
        String error = "";
        try {
            RunHandler handler = handlers.forCommand(run.run().command());
            Cores.granting(cores, () -> {
                handler.execute(run.run(), dir, resume);
                return null;
            });
        } catch (GrokphaseException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            error = "internal error: " + e;
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        RunStatus after = RunStatus.of(dir);
        if (!error.isEmpty() && after.isDone()) {
            error = "";
        }
        if (!error.isEmpty() || !after.isDone() && after != RunStatus.FAILED) {
            after = RunStatus.FAILED;
            if (error.isEmpty()) error = "the run ended without a completed manifest";
        }
        RunResult r = new RunResult(run, dir.toString(), after, false, resume, wall, error.replace('\n', ' '));
        listener.finished(r);
        return r;
    }
}
