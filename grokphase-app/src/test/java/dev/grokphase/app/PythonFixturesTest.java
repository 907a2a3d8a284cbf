package dev.grokphase.app;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes, through the CLI, the outputs the Python package's tests read (python/tests, run by
 * .ci/run after mvn verify): two training runs, a sweep with theory and training, and a theory
 * JSONL file, all small. Kept in target/python-fixtures (rewritten by every build).
 */
class PythonFixturesTest {

    static final Path DIR = Path.of("target", "python-fixtures");

    static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GrokphaseCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertThat(code).as("grokphase %s: %s", String.join(" ", args), err).isZero();
        return out.toString();
    }

    @BeforeAll
    static void clean() throws Exception {
        if (Files.exists(DIR)) {
            try (Stream<Path> s = Files.walk(DIR)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(DIR);
    }

    @Test
    void writesTheFixturesThePythonTestsRead() throws Exception {
        run("train", "cubic", "--N", "8", "--d", "5", "--n", "40", "--n-test", "40", "--steps", "400", "--seeds", "2",
                "--datasets", "2", "--log-every", "10", "--sigma2", "0.5", "--progress", "none", "--out", DIR.resolve("run-cubic").toString());
        run("train", "modular", "--P", "7", "--N", "12", "--activation", "square", "--targets", "onehot", "--optimizer", "adamw",
                "--lr", "0.01", "--steps", "200", "--seeds", "2", "--log-every", "10", "--progress", "none",
                "--out", DIR.resolve("run-modular").toString());
        String jsonl = run("theory", "cubic", "--sigma2", "0.2:0.3:0.05", "--limit", "finite", "--distribution",
                "--distribution-points", "9", "--format", "jsonl");
        Files.writeString(DIR.resolve("theory-cubic.jsonl"), jsonl, StandardCharsets.UTF_8);
        Path spec = DIR.resolve("spec.yaml");
        Files.writeString(spec, """
                id: pyfix
                title: "Python fixture sweep"
                paper: "test"
                theory:
                  - id: transition
                    command: theory cubic
                    config: {transition: true, limit: thermodynamic, sigma2: "0.02:1.0:0.01"}
                    points: [{_beta: 0.5, eps: -0.3}, {_beta: 1, eps: -1}]
                  - id: scan
                    command: theory cubic
                    config: {sigma2: "0.1:0.3:0.05", limit: finite}
                training:
                  - id: langevin
                    command: train cubic
                    config: {N: 6, d: 4, n: 30, n-test: 30, steps: 100, seeds: 2, log-every: 10, progress: none}
                    grid: {sigma2: [0.3, 0.6]}
                """, StandardCharsets.UTF_8);
        run("sweep", spec.toString(), "--out", DIR.resolve("sweep").toString());
        assertThat(DIR.resolve("run-cubic/checkpoint/state.bin")).isRegularFile();
        assertThat(DIR.resolve("run-modular/metrics.csv")).isRegularFile();
        assertThat(DIR.resolve("sweep/sweeps/pyfix-default/summary.csv")).content().contains("theory.uc").contains("theory.rows");
        assertThat(jsonl.lines().count()).isEqualTo(3);
    }
}
