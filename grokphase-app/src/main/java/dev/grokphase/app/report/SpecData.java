package dev.grokphase.app.report;

import dev.grokphase.sweep.ExperimentSpec;
import dev.grokphase.sweep.Scale;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spec and its loaded runs, grouped by computation id (plan order inside each group).
 *
 * @param spec  the experiment spec
 * @param scale the scale it was run at
 * @param runs  computation id to runs
 * @param runRoot the directory whose {@code runs/<key>} the runs were read from
 */
public record SpecData(ExperimentSpec spec, Scale scale, Map<String, List<RunData>> runs, java.nio.file.Path runRoot) {

    public SpecData {
        runs = new LinkedHashMap<>(runs);
    }

    /** Runs not read from a sweep's run root (a single run shown as a spec). */
    public SpecData(ExperimentSpec spec, Scale scale, Map<String, List<RunData>> runs) {
        this(spec, scale, runs, null);
    }

    public List<RunData> of(String computationId) {
        return computationId == null ? List.of() : runs.getOrDefault(computationId, List.of());
    }
}
