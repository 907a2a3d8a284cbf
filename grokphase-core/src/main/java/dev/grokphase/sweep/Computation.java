package dev.grokphase.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One named computation of a spec: a command and a parameter grid. Expanding it at a scale gives
 * one {@link PlannedRun} per point: {@code config} (scale overrides merged in) ⊕ each entry of
 * {@code points} ⊕ each element of the Cartesian product of {@code grid}.
 *
 * <p>Keys of a point that start with an underscore ({@code _beta: 0.125}) are tags: they label the
 * run in plots and the summary but are not passed to the command and not part of the run key.
 *
 * @param id      unique within the spec, e.g. {@code langevin}
 * @param kind    theory or training
 * @param command e.g. {@code train cubic}
 * @param config  options shared by every point
 * @param points  explicit points (may be empty)
 * @param grid    key to list of values; the Cartesian product is taken in key order
 * @param scales  per-scale overrides: {@code config} entries merged, {@code points}/{@code grid} replaced
 */
public record Computation(String id, Kind kind, String command, Map<String, Object> config,
                          List<Map<String, Object>> points, Map<String, List<Object>> grid,
                          Map<Scale, Override> scales) {

    public enum Kind { THEORY, TRAINING }

    /** What a scale changes. Null members mean "keep the base". */
    public record Override(Map<String, Object> config, List<Map<String, Object>> points,
                           Map<String, List<Object>> grid) {
    }

    /**
     * Most runs one computation may expand to: far beyond any sweep a machine or cluster finishes,
     * and small enough that the plan (one object per run) fits memory at once.
     */
    public static final long MAX_RUNS = 100_000;

    /** The runs of this computation at {@code scale}, in a deterministic order. */
    public List<PlannedRun> expand(String specId, Scale scale) {
        Map<String, Object> base = new LinkedHashMap<>(config);
        List<Map<String, Object>> pts = points;
        Map<String, List<Object>> g = grid;
        Override o = scales.get(scale);
        if (o == null && scale == Scale.LARGE) {
            o = scales.get(Scale.DEFAULT); // no large sizes of its own: the default ones
        }
        if (o != null) {
            if (o.config() != null) base.putAll(o.config());
            if (o.points() != null) pts = o.points();
            if (o.grid() != null) g = o.grid();
        }
        List<Map<String, Object>> pointList = pts.isEmpty() ? List.of(Map.of()) : pts;
        // Counted before expanding: a grid typed with one zero too many must fail at once, not fill the heap.
        double count = pointList.size();
        StringBuilder sizes = new StringBuilder(pointList.size() + " point(s)");
        for (Map.Entry<String, List<Object>> e : g.entrySet()) {
            count *= e.getValue().size();
            sizes.append(" x ").append(e.getValue().size()).append(" ").append(e.getKey());
        }
        if (count > MAX_RUNS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "expands to %.0f runs at scale %s (%s), more than the %d allowed per computation",
                    count, scale.id(), sizes, MAX_RUNS));
        }
        List<Map<String, Object>> gridList = cartesian(g);
        List<PlannedRun> out = new ArrayList<>();
        for (Map<String, Object> p : pointList) {
            for (Map<String, Object> gp : gridList) {
                Map<String, Object> cfg = new LinkedHashMap<>(base);
                Map<String, Object> tags = new LinkedHashMap<>();
                for (Map<String, Object> layer : List.of(p, gp)) {
                    for (Map.Entry<String, Object> e : layer.entrySet()) {
                        if (e.getKey().startsWith("_")) {
                            tags.put(e.getKey().substring(1), e.getValue());
                        } else {
                            cfg.put(e.getKey(), e.getValue());
                        }
                    }
                }
                out.add(new PlannedRun(specId, id, kind, out.size(), RunDescription.of(command, cfg), tags));
            }
        }
        return out;
    }

    static List<Map<String, Object>> cartesian(Map<String, List<Object>> grid) {
        List<Map<String, Object>> acc = new ArrayList<>();
        acc.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : acc) {
                for (Object v : e.getValue()) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            acc = next;
        }
        return acc;
    }
}
