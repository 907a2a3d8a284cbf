package dev.grokphase.sweep;

import java.nio.file.Path;

/**
 * Performs runs of some commands. Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.grokphase.sweep.RunHandler}); the app registers one that
 * runs the tool's own commands in-process, so a Spark task with the app jar on its class path
 * executes exactly what {@code grokphase train cubic ...} would.
 */
public interface RunHandler {

    /** True when this handler performs runs of {@code command} (e.g. {@code "train cubic"}). */
    boolean supports(String command);

    /**
     * Performs {@code run} into {@code dir} (which may not exist yet). When {@code resume} is true,
     * {@code dir} holds an interrupted run of the same description: continue it. On return the
     * directory must hold a {@code manifest.json} whose {@code status} is terminal
     * ({@code completed}, {@code failed} or {@code diverged}); a thrown exception marks the run failed.
     */
    void execute(RunDescription run, Path dir, boolean resume);
}
