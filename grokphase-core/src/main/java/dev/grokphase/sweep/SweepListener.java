package dev.grokphase.sweep;

/** Progress callbacks of a sweep; called from worker threads, so implementations synchronise. */
public interface SweepListener {

    SweepListener NONE = new SweepListener() {
    };

    /** Called once before any run, with the number of runs planned. */
    default void planned(int total) {
    }

    default void started(PlannedRun run, boolean resume) {
    }

    default void finished(RunResult result) {
    }

    /** Something the user should know about a run (waiting for another writer, recomputing an incomplete run). */
    default void note(PlannedRun run, String message) {
    }
}
