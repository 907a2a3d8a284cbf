package dev.grokphase.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs the planned runs of a sweep, each into {@code root/runs/<key>/}. The local implementation
 * is {@link LocalSweepExecutor}; a Spark implementation lives in the {@code grokphase-spark}
 * module and runs one {@link PlannedRun} per task through {@link SweepRunner#runOne}.
 *
 * <p>Contract: runs whose directory is already done ({@link RunStatus#isDone()}) are skipped;
 * interrupted ones are resumed; the returned list is in plan order.
 */
public interface SweepExecutor {

    /** Name as the {@code --executor} option spells it. */
    String name();

    List<RunResult> execute(List<PlannedRun> runs, Path root, SweepListener listener);

    /**
     * Where this executor puts the run directories of a sweep whose {@code --out} is {@code root}:
     * a path or URI whose {@code runs/<key>} are the runs. Null (the default): {@code root} itself.
     * The Spark executor may write them elsewhere ({@code output=hdfs://...}); plan.json then
     * records it, so a report pointed at {@code root} can find them or say where they are.
     */
    default String runRoot(Path root) {
        return null;
    }
}
