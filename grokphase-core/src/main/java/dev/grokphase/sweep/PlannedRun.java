package dev.grokphase.sweep;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run as a sweep plans it: where it comes from (spec, computation, index within the
 * computation), what it is ({@link RunDescription}), and its tags (e.g. {@code beta}) for plots.
 * Serialisable: the Spark executor ships these to tasks and runs one by index.
 */
public record PlannedRun(String specId, String computationId, Computation.Kind kind, int index,
                         RunDescription run, Map<String, Object> tags) implements Serializable {

    private static final long serialVersionUID = 1L;

    public PlannedRun {
        tags = new LinkedHashMap<>(tags);
    }

    /** The run directory name (see {@link RunDescription#key()}). */
    public String key() {
        return run.key();
    }
}
