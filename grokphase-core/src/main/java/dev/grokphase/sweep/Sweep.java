package dev.grokphase.sweep;

import dev.grokphase.io.AtomicFiles;
import dev.grokphase.io.Json;
import dev.grokphase.store.DirectoryLock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spec at a scale, run by an executor into a root directory:
 * <pre>
 * root/runs/&lt;key&gt;/            one directory per run (shared between specs: same config, same run)
 * root/sweeps/&lt;spec&gt;-&lt;scale&gt;/spec.yaml     the spec as run (a report re-reads it)
 * root/sweeps/&lt;spec&gt;-&lt;scale&gt;/plan.json     the planned runs (what a Spark job or a SLURM array indexes;
 *                                           runRoot: where the runs are when not under root, e.g. on HDFS)
 * root/sweeps/&lt;spec&gt;-&lt;scale&gt;/summary.csv   one row per run
 * </pre>
 */
public final class Sweep {

    private Sweep() {
    }

    public static Path sweepDir(Path root, ExperimentSpec spec, Scale scale) {
        return root.resolve("sweeps").resolve(spec.id() + "-" + scale.id());
    }

    /** Writes the plan, runs it, writes the summary; returns the results in plan order. */
    public static List<RunResult> run(ExperimentSpec spec, Scale scale, Path root, SweepExecutor executor,
                                      SweepListener listener) {
        List<PlannedRun> plan = spec.plan(scale);
        Path dir = sweepDir(root, spec, scale);
        // Two sweeps of one spec into one root write the same plan; the lock keeps each file whole
        // and the summary the last writer's, never an interleaving. Runs lock their own directories.
        try (DirectoryLock lock = DirectoryLock.acquireWaiting(dir, holder -> { })) {
            AtomicFiles.writeString(dir.resolve("spec.yaml"), spec.source());
            writePlan(dir.resolve("plan.json"), spec, scale, plan, executor.runRoot(root));
        }
        List<RunResult> results = executor.execute(plan, root, listener);
        try (DirectoryLock lock = DirectoryLock.acquireWaiting(dir, holder -> { })) {
            SweepSummary.write(dir.resolve("summary.csv"), results);
        }
        return results;
    }

    /** plan.json: {spec, scale, runs: [{index, computation, kind, key, command, config, tags}]}. */
    public static void writePlan(Path file, ExperimentSpec spec, Scale scale, List<PlannedRun> plan) {
        writePlan(file, spec, scale, plan, null);
    }

    /**
     * As {@link #writePlan(Path, ExperimentSpec, Scale, List)}, plus {@code runRoot} (after
     * {@code scale}) when the run directories live elsewhere than the sweep root: the path or URI
     * holding {@code runs/<key>} ({@link SweepExecutor#runRoot}); null: the sweep root.
     */
    public static void writePlan(Path file, ExperimentSpec spec, Scale scale, List<PlannedRun> plan, String runRoot) {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            PlannedRun p = plan.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", i);
            m.put("computation", p.computationId());
            m.put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put("key", p.key());
            m.put("command", p.run().command());
            m.put("config", p.run().config());
            m.put("tags", p.tags());
            runs.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("spec", spec.id());
        doc.put("scale", scale.id());
        if (runRoot != null) {
            doc.put("runRoot", runRoot);
        }
        doc.put("runs", runs);
        AtomicFiles.writeString(file, Json.pretty(doc));
    }
}
