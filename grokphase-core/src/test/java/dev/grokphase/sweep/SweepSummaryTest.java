package dev.grokphase.sweep;

import dev.grokphase.io.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SweepSummaryTest {

    @Test
    void theoryResultsJoinTheSummary(@TempDir Path root) throws Exception {
        ExperimentSpec spec = SpecLoader.parse("t.yaml", """
                id: t
                title: "theory in the summary"
                paper: "test"
                theory:
                  - id: transition
                    command: theory cubic
                    config: {transition: true}
                    points: [{_beta: 0.5}]
                  - id: scan
                    command: theory cubic
                    config: {sigma2: "0.1:0.2:0.05"}
                """);
        List<PlannedRun> plan = spec.plan(Scale.DEFAULT);
        Path one = root.resolve("one");
        Path scan = root.resolve("scan");
        Files.createDirectories(one);
        Files.createDirectories(scan);
        // A one-row table (a transition point, with a quoted cell) and a three-row scan.
        AtomicFiles.writeString(one.resolve("theory.csv"), "limit,uc,note\nthermodynamic,30.2,\"a, b\"\n");
        AtomicFiles.writeString(scan.resolve("theory.csv"), "sigma2,b\n0.1,0.3\n0.15,0.4\n0.2,0.5\n");
        Path csv = root.resolve("summary.csv");
        SweepSummary.write(csv, List.of(
                new RunResult(plan.get(0), one.toString(), RunStatus.COMPLETED, false, false, 0.1, ""),
                new RunResult(plan.get(1), scan.toString(), RunStatus.COMPLETED, false, false, 0.1, "")));
        List<String> lines = Files.readAllLines(csv);
        List<String> header = SweepSummary.splitCsv(lines.get(0));
        Map<String, String> first = row(header, lines.get(1));
        Map<String, String> second = row(header, lines.get(2));
        assertThat(first).containsEntry("theory.rows", "1").containsEntry("theory.uc", "30.2")
                .containsEntry("theory.limit", "thermodynamic").containsEntry("theory.note", "a, b");
        assertThat(second).containsEntry("theory.rows", "3").containsEntry("theory.uc", "");
        assertThat(header).doesNotContain("theory.sigma2", "theory.b");
    }

    private static Map<String, String> row(List<String> header, String line) {
        List<String> cells = SweepSummary.splitCsv(line);
        assertThat(cells).hasSameSizeAs(header);
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) m.put(header.get(i), cells.get(i));
        return m;
    }
}
