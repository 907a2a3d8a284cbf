package dev.grokphase.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One experiment spec (one paper figure, or one experiment the paper lacks): its theory
 * computations, its training runs, and the figures that put them side by side.
 *
 * @param id          short name used by {@code --only} and in file names, e.g. {@code fig2}
 * @param title       one line
 * @param paper       what it reproduces, e.g. "Fig. 2 (notes §6.1)"
 * @param description a paragraph for the report
 * @param source      the YAML text it was read from (written next to each sweep, so a report can re-read it)
 */
public record ExperimentSpec(String id, String title, String paper, String description,
                             List<Computation> theory, List<Computation> training, List<FigureSpec> figures,
                             String source) {

    public ExperimentSpec {
        theory = List.copyOf(theory);
        training = List.copyOf(training);
        figures = List.copyOf(figures);
    }

    /** Every run of the spec at {@code scale}: theory first (cheap), then training. */
    public List<PlannedRun> plan(Scale scale) {
        List<PlannedRun> out = new ArrayList<>();
        for (Computation c : theory) out.addAll(c.expand(id, scale));
        for (Computation c : training) out.addAll(c.expand(id, scale));
        return out;
    }

    public Optional<Computation> computation(String computationId) {
        for (Computation c : theory) if (c.id().equals(computationId)) return Optional.of(c);
        for (Computation c : training) if (c.id().equals(computationId)) return Optional.of(c);
        return Optional.empty();
    }
}
