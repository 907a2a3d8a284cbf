package dev.grokphase.spark;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tool as a user does, in separate processes (integration tests): {@code ./grokphase} of
 * this checkout and {@code grokphase-spark/bin/spark-submit-mvn}, with an environment that holds no
 * Spark installation, so the path is the one a machine without Spark takes.
 */
final class UserPath {

    /** The project root (tests run in the module's directory). */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path LAUNCHER = ROOT.resolve("grokphase");
    static final Path SPARK_SUBMIT_MVN = ROOT.resolve("grokphase-spark/bin/spark-submit-mvn");

    private UserPath() {
    }

    /** A process builder with this JVM's environment minus any Spark installation, plus {@code extra}. */
    static ProcessBuilder builder(List<String> command, Map<String, String> extra, Path log) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("SPARK_HOME");
        pb.environment().remove("SPARK_CONF_DIR");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().putAll(extra);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb;
    }

    /** Runs a command to its end (at most {@code minutes}); returns its exit code. */
    static int run(List<String> command, Map<String, String> extra, Path log, int minutes) throws IOException, InterruptedException {
        Process p = builder(command, extra, log).start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within " + minutes + " min; log:\n" + tail(log));
        }
        return p.exitValue();
    }

    /**
     * The Spark jars Maven resolves for {@code scala} (2.12 or 2.13), via spark-submit-mvn itself,
     * as the class path file it keeps.
     */
    static List<String> sparkClassPath(String scala, Path log) throws IOException, InterruptedException {
        int code = run(List.of(SPARK_SUBMIT_MVN.toString(), "--version"), Map.of("GROKPHASE_SCALA", scala), log, 5);
        if (code != 0) {
            throw new IllegalStateException("spark-submit-mvn --version failed:\n" + tail(log));
        }
        String cp = Files.readString(ROOT.resolve("grokphase-spark/target/spark-classpath-" + scala + ".txt")).strip();
        return List.of(cp.split(File.pathSeparator));
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static List<String> sweep(String... args) {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(), "sweep"));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
