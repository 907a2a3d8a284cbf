package dev.grokphase.app.cluster;

import dev.grokphase.app.CliRun;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.sweep.PlannedRun;
import dev.grokphase.sweep.Scale;
import dev.grokphase.sweep.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepClusterTest {

    @TempDir
    Path tmp;

    private Path spec() throws IOException {
        Path f = tmp.resolve("walk.yaml");
        Files.writeString(f, "id: walk\ntitle: train walks\ntraining:\n  - id: w\n    command: train walk\n"
                + "    grid: {seed: [11, 12, 13]}\n");
        return f;
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static void assertSameTree(Path a, Path b) throws IOException {
        assertThat(files(a)).isEqualTo(files(b)).isNotEmpty();
        for (String f : files(a)) {
            assertThat(Arrays.equals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)))).as(f).isTrue();
        }
    }

    @Test
    void theSlurmArrayRunsEachRunByIndexAndGivesTheLocalSweepsRunDirectories() throws Exception {
        Path spec = spec();
        Path dir = tmp.resolve("slurm");
        Path out = tmp.resolve("array-out");
        CliRun emit = CliRun.of("sweep", spec.toString(), "--out", out.toString(), "--emit-slurm", dir.toString(),
                "--slurm-cpus", "4", "--slurm-option=--partition=cpu");
        assertThat(emit.exitCode()).as(emit.err()).isZero();
        String script = Files.readString(dir.resolve("sweep.sbatch"));
        assertThat(script).startsWith("#!/bin/bash\n").contains("#SBATCH --array=0-2\n").contains("#SBATCH --cpus-per-task=4\n")
                .contains("#SBATCH --partition=cpu\n").contains("--index \"$SLURM_ARRAY_TASK_ID\"")
                .contains("--out " + out.toAbsolutePath());
        assertThat(Files.readString(dir.resolve("submit.sh"))).contains("--dependency=afterany:");
        assertThat(Files.readString(dir.resolve("summary.sbatch"))).contains("#SBATCH --cpus-per-task=4\n")
                .contains("#SBATCH --partition=cpu\n").contains("#SBATCH --time=04:00:00\n").doesNotContain("--array");
        List<PlannedRun> plan = SpecLoader.resolve(spec.toString()).plan(Scale.DEFAULT);
        List<String> tsv = Files.readAllLines(dir.resolve("runs.tsv"));
        assertThat(tsv).hasSize(4);
        for (int i = 0; i < 3; i++) {
            assertThat(tsv.get(i + 1)).isEqualTo(i + "\t" + plan.get(i).key() + "\tgrokphase train walk --seed " + (11 + i));
        }
        assertThat(new ProcessBuilder("bash", "-n", dir.resolve("sweep.sbatch").toString()).start().waitFor()).isZero();
        assertThat(new ProcessBuilder("bash", "-n", dir.resolve("submit.sh").toString()).start().waitFor()).isZero();
        assertThat(new ProcessBuilder("bash", "-n", dir.resolve("summary.sbatch").toString()).start().waitFor()).isZero();

        // What the array's tasks do, task by task, against one local sweep of the same spec.
        for (int i = 0; i < 3; i++) {
            CliRun task = CliRun.of("sweep", spec.toString(), "--out", out.toString(), "--index", Integer.toString(i));
            assertThat(task.exitCode()).as(task.err()).isZero();
            assertThat(task.out()).startsWith("completed\t").contains(plan.get(i).key());
        }
        Path local = tmp.resolve("local-out");
        CliRun whole = CliRun.of("sweep", spec.toString(), "--out", local.toString());
        assertThat(whole.exitCode()).as(whole.err()).isZero();
        assertSameTree(local.resolve("runs"), out.resolve("runs"));

        long before = Files.getLastModifiedTime(out.resolve("runs").resolve(plan.get(1).key()).resolve("metrics.csv")).toMillis();
        CliRun again = CliRun.of("sweep", spec.toString(), "--out", out.toString(), "--run-index", "1");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.getLastModifiedTime(out.resolve("runs").resolve(plan.get(1).key()).resolve("metrics.csv")).toMillis())
                .as("a resubmitted array task redoes nothing").isEqualTo(before);
    }

    @Test
    void sparkExecutorOutsideSparkSubmitPrintsOrRunsTheSparkSubmitCommand() throws Exception {
        Path spec = spec();
        CliRun print = CliRun.of("sweep", spec.toString(), "--out", "o", "--executor", "spark", "--executor-option",
                "master=local[2]", "--spark-print");
        assertThat(print.exitCode()).as(print.err()).isZero();
        assertThat(print.out().strip()).endsWith("--master 'local[2]' " + JIT_CONFS + "--class dev.grokphase.app.GrokphaseCli "
                + SparkLaunch.sparkJar(System.getenv()) + " sweep " + spec + " --out o --executor spark --executor-option"
                + " 'master=local[2]'");
        // Without any spark-submit: one line that says what to set and what would have run.
        Path jar = Files.createFile(tmp.resolve("grokphase-spark.jar"));
        assertThatThrownBy(() -> SparkLaunch.launch("local[2]", List.of("fig3", "--executor", "spark"),
                Map.of(SparkLaunch.JAR_ENV, jar.toString()), Optional.empty()))
                .isInstanceOf(GrokphaseException.class)
                .hasMessage("--executor = spark needs spark-submit: set SPARK_HOME or put spark-submit on PATH (or use "
                        + "--executor local); the command would be: spark-submit --master 'local[2]' " + JIT_CONFS + "--class "
                        + "dev.grokphase.app.GrokphaseCli " + jar + " sweep fig3 --executor spark");
        // Without the jar: how to build it.
        assertThatThrownBy(() -> SparkLaunch.launch(null, List.of("fig3"), Map.of(SparkLaunch.JAR_ENV, tmp.resolve("none.jar").toString()),
                Optional.of(Path.of("/bin/true"))))
                .hasMessageStartingWith("--executor = spark needs " + tmp.resolve("none.jar") + ": build it with");
    }

    /** What every spark-submit command carries: the JIT option of ./grokphase for driver and executors. */
    private static final String JIT_CONFS = "--conf spark.driver.extraJavaOptions=-XX:LoopUnrollLimit=250 --conf spark.executor.extraJavaOptions=-XX:LoopUnrollLimit=250 ";

    @Test
    void sparkSettingsBecomeConfsAndAStaleSparkJarIsNoticed() throws Exception {
        List<String> cmd = SparkLaunch.submitCommand("spark-submit", "spark://h:7077", Path.of("g.jar"),
                List.of("fig2", "--executor", "spark", "--executor-option", "spark.task.cpus=4",
                        "--executor-option=spark.executor.memory=2g", "--executor-option", "output=hdfs:///x"));
        assertThat(String.join(" ", cmd)).startsWith("spark-submit --master spark://h:7077 --conf spark.task.cpus=4 "
                + "--conf spark.executor.memory=2g " + JIT_CONFS + "--class dev.grokphase.app.GrokphaseCli g.jar sweep fig2");
        // the user's own JVM options keep theirs and gain the JIT option (unless they set it)
        cmd = SparkLaunch.submitCommand("spark-submit", null, Path.of("g.jar"),
                List.of("fig2", "--executor-option", "spark.executor.extraJavaOptions=-Xss4m",
                        "--executor-option", "spark.driver.extraJavaOptions=-XX:LoopUnrollLimit=300"));
        assertThat(cmd).containsSubsequence("--conf", "spark.driver.extraJavaOptions=-XX:LoopUnrollLimit=300",
                "--conf", "spark.executor.extraJavaOptions=-Xss4m -XX:LoopUnrollLimit=250", "--class");

        // A source tree whose app source changed after the Spark jar was built.
        Path root = tmp.resolve("tree");
        Files.createDirectories(root.resolve("grokphase-app/src/main/java"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Path source = Files.writeString(root.resolve("grokphase-app/src/main/java/A.java"), "class A {}");
        Path jar = Files.createDirectories(root.resolve("grokphase-spark/target")).resolve("grokphase-spark.jar");
        Files.writeString(jar, "jar");
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(root.resolve("pom.xml"), java.nio.file.attribute.FileTime.fromMillis(now - 60_000));
        Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(now - 60_000));
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(now - 30_000));
        assertThat(SparkLaunch.newerSource(jar, root)).isEmpty();
        Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(now));
        assertThat(SparkLaunch.newerSource(jar, root)).contains(Path.of("grokphase-app/src/main/java/A.java"));
        assertThat(SparkLaunch.newerSource(jar, tmp.resolve("no-tree"))).isEmpty();
    }

    @Test
    void conflictingModesAreOneLineErrors() throws Exception {
        Path spec = spec();
        CliRun r = CliRun.of("sweep", spec.toString(), "--executor", "spark", "--emit-slurm", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("grokphase: error: --executor = spark is invalid: --emit-slurm writes tasks for the local executor");
        CliRun s = CliRun.of("sweep", spec.toString(), "--spark-print");
        assertThat(s.exitCode()).isEqualTo(2);
        assertThat(s.err()).startsWith("grokphase: error: --spark-print = true is invalid: needs --executor spark");
    }

    @Test
    void theAppHasNoSparkOnItsClassPath() {
        assertThatThrownBy(() -> Class.forName("org.apache.spark.SparkContext")).isInstanceOf(ClassNotFoundException.class);
        assertThat(SparkLaunch.inProcess()).isFalse();
    }

    @Test
    void shellQuotingRoundTripsThroughBash() throws Exception {
        List<String> words = List.of("plain", "with space", "it's", "local[*]", "$HOME", "a\"b");
        Process p = new ProcessBuilder("bash", "-c", "printf '%s\\n' " + Shell.join(words)).start();
        assertThat(new String(p.getInputStream().readAllBytes()).lines().toList()).isEqualTo(words);
    }
}
