package dev.grokphase.spark;

import dev.grokphase.error.GrokphaseException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One jar for Spark 3.5 on Scala 2.12 and 2.13: the compiled classes reference no Scala
 * collection (the signatures that differ between the two builds), and an unfit Spark is refused
 * before any job with a line that says what fits. The jar running on real Scala 2.12 Spark is
 * {@code SparkScalaLinesIT}.
 */
class SparkVersionsTest {

    @Test
    void theCompiledExecutorNamesNoScalaCollectionType() throws Exception {
        Path classes = Path.of(SparkSweepExecutor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes)) {
            files = s.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(files).hasSizeGreaterThan(5);
        for (Path f : files) {
            // Class-file constant pools hold type names as modified UTF-8: ASCII for these.
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(text).as(f.toString()).doesNotContain("scala/collection").doesNotContain("scala/jdk");
        }
    }

    @Test
    void scalaLinesAndSparkVersionsAreCheckedUpFront() throws IOException {
        StringWriter w = new StringWriter();
        SparkVersions.requireSupported("3.5.8", "2.12.18", new PrintWriter(w, true));
        SparkVersions.requireSupported("3.5.1", "2.13.8", new PrintWriter(w, true));
        assertThat(w.toString()).isEmpty();
        SparkVersions.requireSupported("3.4.2", "2.12.17", new PrintWriter(w, true));
        assertThat(w.toString()).contains("warning: Spark 3.4.2").contains("tested against Spark 3.5");
        assertThatThrownBy(() -> SparkVersions.requireSupported("3.5.0", "3.3.1", null))
                .isInstanceOf(GrokphaseException.class)
                .hasMessageContaining("Scala 3.3.1").hasMessageContaining("fits Spark 3.5 built for Scala 2.12 or 2.13");
        assertThatThrownBy(() -> SparkVersions.requireSupported("4.0.0", "2.13.14", null))
                .hasMessageContaining("Spark 4.0.0").hasMessageContaining("fits Spark 3.5 built for Scala 2.12 or 2.13");
        assertThatThrownBy(() -> SparkVersions.requireSupported("3.2.4", "2.12.15", null))
                .hasMessageContaining("Spark 3.2.4");
        assertThat(SparkVersions.scalaVersion()).startsWith("2.13.");
    }

    @Test
    void aJobFailedByALinkageErrorIsNotCalledResubmittable() {
        assertThat(SparkSweepExecutor.isLinkageFailure("Job aborted due to stage failure: Task 0 in stage 0.0 failed 4 times, "
                + "most recent failure: java.lang.NoSuchMethodError: 'scala.collection.immutable.Seq "
                + "org.apache.spark.scheduler.SparkListenerJobStart.stageInfos()'")).isTrue();
        assertThat(SparkSweepExecutor.isLinkageFailure("Job aborted due to stage failure: ExecutorLostFailure "
                + "(executor 0 exited caused by one of the running tasks) Reason: Command exited with code 137")).isFalse();
    }
}
