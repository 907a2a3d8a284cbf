package dev.grokphase.sweep;

import dev.grokphase.error.GrokphaseException;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecLoaderTest {

    @Test
    void everyBuiltInSpecLoadsAndPlansAtEveryScale() {
        List<ExperimentSpec> specs = SpecLoader.builtin();
        assertThat(specs).extracting(ExperimentSpec::id)
                .containsExactly("fig2", "fig3", "appd", "modular-langevin", "modular-adamw");
        for (ExperimentSpec s : specs) {
            assertThat(s.figures()).as(s.id() + " figures").isNotEmpty();
            for (Scale scale : Scale.values()) {
                List<PlannedRun> plan = s.plan(scale);
                assertThat(plan).as(s.id() + " at " + scale).isNotEmpty();
                Set<String> keys = new HashSet<>();
                plan.forEach(p -> keys.add(p.key()));
                assertThat(keys).as("distinct configs give distinct run keys").hasSize(plan.size());
            }
            // Quick is a subset in size of default, default of full.
            assertThat(s.plan(Scale.QUICK).size()).isLessThanOrEqualTo(s.plan(Scale.DEFAULT).size());
            assertThat(s.plan(Scale.DEFAULT).size()).isLessThanOrEqualTo(s.plan(Scale.FULL).size());
        }
    }

    @Test
    void fig2FullScaleIsThePapersGrid() {
        ExperimentSpec fig2 = SpecLoader.builtin("fig2");
        List<PlannedRun> training = fig2.plan(Scale.FULL).stream()
                .filter(p -> p.kind() == Computation.Kind.TRAINING).toList();
        // notes §6.1: 4 values of β × 5 noise levels; 50 datasets × 4 seeds; 360,000 epochs.
        assertThat(training).hasSize(20);
        assertThat(training.get(0).run().config()).containsEntry("datasets", 50L).containsEntry("seeds", 4L)
                .containsEntry("steps", 360000L);
        assertThat(training.get(0).tags()).containsEntry("beta", 0.125);
        assertThat(training.get(0).run().config()).doesNotContainKey("_beta").doesNotContainKey("beta");
    }

    @Test
    void gridIsTheCartesianProductAndScaleOverridesReplaceIt() {
        String yaml = """
                id: t
                title: test
                training:
                  - id: run
                    command: train cubic
                    config: {n: 10, steps: 100}
                    points: [{_beta: 1, N: 5}, {_beta: 2, N: 10}]
                    grid: {sigma2: [0.1, 0.2, 0.3]}
                    scales:
                      quick: {config: {steps: 7}, grid: {sigma2: [0.5]}}
                """;
        ExperimentSpec s = SpecLoader.parse("t.yaml", yaml);
        assertThat(s.plan(Scale.DEFAULT)).hasSize(6);
        List<PlannedRun> quick = s.plan(Scale.QUICK);
        assertThat(quick).hasSize(2);
        assertThat(quick.get(1).run().config()).containsEntry("steps", 7L).containsEntry("sigma2", 0.5)
                .containsEntry("N", 10L).containsEntry("n", 10L);
    }

    @Test
    void errorsAreOneLineAndNameTheKey() {
        assertThatThrownBy(() -> SpecLoader.parse("x.yaml", "id: x\ntitle: t\ntrainig: []\n"))
                .isInstanceOf(GrokphaseException.class)
                .hasMessageStartingWith("spec x.yaml: trainig: unknown key");
        assertThatThrownBy(() -> SpecLoader.parse("x.yaml", """
                id: x
                title: t
                training: [{id: a, command: train cubic, grid: {sigma2: 0.1}}]
                """)).hasMessage("spec x.yaml: training[0].grid.sigma2: expected a non-empty list of values, got \"0.1\"");
        assertThatThrownBy(() -> SpecLoader.parse("x.yaml", """
                id: x
                title: t
                theory: [{id: a, command: train cubic}]
                """)).hasMessageContaining("theory[0].command: must start with \"theory\"");
        assertThatThrownBy(() -> SpecLoader.parse("x.yaml", "id: x\ntitle: [\n"))
                .hasMessageStartingWith("spec x.yaml: not valid YAML").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> SpecLoader.parse("x.yaml", "title: t\ntheory: [{id: a, command: theory cubic}]\n"))
                .hasMessage("spec x.yaml: id: missing (required)");
        assertThatThrownBy(() -> SpecLoader.builtin("fig9")).hasMessageStartingWith("spec = fig9 is invalid");
    }
}
