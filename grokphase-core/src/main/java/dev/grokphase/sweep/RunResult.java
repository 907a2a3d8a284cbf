package dev.grokphase.sweep;

import java.io.Serializable;

/**
 * What happened to one planned run in a sweep.
 *
 * @param planned     the run
 * @param directory   its run directory (as a string: serialisable, and may be a non-local URI for Spark)
 * @param status      the manifest status after the sweep
 * @param skipped     true when it was already done and nothing ran
 * @param resumed     true when an interrupted run was continued
 * @param wallSeconds time spent in this sweep (0 when skipped)
 * @param error       one-line failure message, or empty
 */
public record RunResult(PlannedRun planned, String directory, RunStatus status, boolean skipped, boolean resumed,
                        double wallSeconds, String error) implements Serializable {
    private static final long serialVersionUID = 1L;
}
