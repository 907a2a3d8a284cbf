package dev.grokphase.experiment;

import dev.grokphase.io.Json;
import dev.grokphase.store.RunDirectory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A task's metrics with the sampler's diagnostics appended: the columns of
 * {@link NetworkGroup#samplerColumns()} go into metrics.csv after the task's, their final ensemble
 * means into summary.json under the same names, and {@link NetworkGroup#samplerDetails()} of every
 * group into observables/sampler.json. A run whose groups report no sampler columns keeps the
 * task's metrics unchanged ({@link #wrap} returns them as they are).
 */
public final class SamplerMetrics implements TaskMetrics {

    private final TaskMetrics task;
    private final List<String> extra;
    private final List<String> names;

    private SamplerMetrics(TaskMetrics task, List<String> extra) {
        this.task = task;
        this.extra = List.copyOf(extra);
        List<String> n = new ArrayList<>(task.names());
        n.addAll(extra);
        this.names = List.copyOf(n);
    }

    /** The task's metrics, with the sampler columns of the networks' groups when they have any. */
    public static TaskMetrics wrap(TaskMetrics task, List<Experiment.Network> networks) {
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        for (Experiment.Network n : networks) {
            columns.addAll(n.group().samplerColumns());
        }
        return columns.isEmpty() ? task : new SamplerMetrics(task, new ArrayList<>(columns));
    }

    @Override
    public String task() {
        return task.task();
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public double[] compute(Experiment.Network network) {
        double[] base = task.compute(network);
        double[] out = new double[names.size()];
        System.arraycopy(base, 0, out, 0, base.length);
        List<String> own = network.group().samplerColumns();
        double[] v = network.group().samplerValues(network.member());
        for (int c = 0; c < extra.size(); c++) {
            int i = own.indexOf(extra.get(c));
            out[base.length + c] = i >= 0 ? v[i] : 0.0; // a group without this diagnostic (e.g. no replicas)
        }
        return out;
    }

    @Override
    public Map<String, String> summaryKeys() {
        Map<String, String> k = new LinkedHashMap<>(task.summaryKeys());
        for (String c : extra) {
            k.put(c, c);
        }
        return k;
    }

    @Override
    public List<String> equilibrationColumns() {
        return task.equilibrationColumns();
    }

    @Override
    public void writeObservables(RunDirectory dir, List<Experiment.Network> networks) {
        task.writeObservables(dir, networks);
        List<Map<String, Object>> groups = new ArrayList<>();
        LinkedHashSet<NetworkGroup> seen = new LinkedHashSet<>();
        for (Experiment.Network n : networks) {
            if (seen.add(n.group()) && !n.group().samplerDetails().isEmpty()) {
                groups.add(n.group().samplerDetails());
            }
        }
        if (!groups.isEmpty()) {
            dir.writeObservable("sampler.json", Json.pretty(Map.of("groups", groups)) + "\n");
        }
    }
}
