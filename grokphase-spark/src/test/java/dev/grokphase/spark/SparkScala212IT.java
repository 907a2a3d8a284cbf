package dev.grokphase.spark;

import dev.grokphase.app.GrokphaseCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * grokphase-spark.jar on Spark 3.5 built for Scala 2.12 (the line of most managed installations),
 * jars from Maven Central, local mode, through the user's path ({@code ./grokphase sweep
 * --executor spark} re-launching through spark-submit-mvn with {@code GROKPHASE_SCALA=2.12}):
 * the listener and the executor run there (the crash this guards against was a
 * NoSuchMethodError in the listener), and the runs equal a local sweep's byte for byte.
 */
class SparkScala212IT {

    @TempDir
    Path tmp;

    @Test
    void theOneJarRunsASweepOnSparkForScala212() throws Exception {
        Path spec = tmp.resolve("mixed.yaml");
        Files.writeString(spec, """
                id: mixed
                title: theory and tiny training on Spark for Scala 2.12
                theory:
                  - id: curve
                    command: theory modular
                    config: {P: 401, gamma: 0.0001}
                    grid: {N: [500, 1000], sigma2: ["0.15:0.2:0.01"]}
                training:
                  - id: tiny
                    command: train cubic
                    config: {n: 50, n-test: 100, N: 8, d: 10, steps: 200, seeds: 2}
                    grid: {sigma2: [0.1, 0.2]}
                """);
        Path log = tmp.resolve("spark.log");
        Path spark = tmp.resolve("spark");
        int code = UserPath.run(UserPath.sweep(spec.toString(), "--out", spark.toString(), "--executor", "spark",
                "--executor-option", "master=local[2]"), Map.of("GROKPHASE_SCALA", "2.12"), log, 8);
        String text = Files.readString(log);
        assertThat(code).as(UserPath.tail(log)).isZero();
        assertThat(text).contains("4/4 runs completed").doesNotContain("NoSuchMethodError");

        StringWriter err = new StringWriter();
        Path local = tmp.resolve("local");
        assertThat(GrokphaseCli.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "sweep", spec.toString(), "--out", local.toString(), "--threads", "2")).as(err.toString()).isZero();
        assertThat(TreeDiff.files(local.resolve("runs"))).hasSize(2 * 2 + 2 * 9);
        assertThat(TreeDiff.diff(local.resolve("runs"), spark.resolve("runs"), SparkCliTest.EXECUTION_MEMBERS, "grokphase.log"))
                .isEmpty();
        // The Spark this ran on was really the Scala 2.12 build.
        assertThat(Files.readString(UserPath.ROOT.resolve("grokphase-spark/target/spark-classpath-2.12.txt")))
                .contains("spark-core_2.12-").doesNotContain("spark-core_2.13-");
    }
}
