package dev.grokphase.app.cluster;

import dev.grokphase.app.GrokphaseCli;
import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.sweep.SweepExecutorFactory;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * {@code --executor spark} without a Spark dependency in the app (design-notes "Spark executor").
 * Two cases:
 * <ol>
 *   <li>The tool runs inside spark-submit with the {@code grokphase-spark} jar: the Spark executor's
 *       {@link SweepExecutorFactory} is on the class path (ServiceLoader); the sweep runs in-process.</li>
 *   <li>The tool runs from {@code ./grokphase}: it re-launches the same command line through
 *       {@code spark-submit --class dev.grokphase.app.GrokphaseCli grokphase-spark.jar sweep ...},
 *       which lands in case 1 on the Spark driver.</li>
 * </ol>
 */
public final class SparkLaunch {

    /** Main class that spark-submit runs: the tool itself, so every sweep option means the same. */
    public static final String MAIN_CLASS = GrokphaseCli.class.getName();
    /** Environment variable naming the grokphase-spark jar (default: the build's target/). */
    public static final String JAR_ENV = "GROKPHASE_SPARK_JAR";

    private SparkLaunch() {
    }

    /**
     * True when the Spark executor's factory is on the class path (inside spark-submit with the
     * grokphase-spark jar), so {@code SweepExecutorFactory.create("spark", ...)} runs in-process.
     */
    public static boolean inProcess() {
        try {
            for (SweepExecutorFactory f : ServiceLoader.load(SweepExecutorFactory.class, SparkLaunch.class.getClassLoader())) {
                if (f.name().equals("spark")) {
                    return true;
                }
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            // The executor's jar is there but Spark is not: not runnable in-process.
            return false;
        }
        return false;
    }

    /** True when this JVM was started by spark-submit (it sets spark.* system properties on the driver). */
    public static boolean underSparkSubmit() {
        return System.getProperty("spark.master") != null || System.getProperty("spark.app.name") != null;
    }

    /**
     * {@code $SPARK_HOME/bin/spark-submit}, else the first {@code spark-submit} on PATH, else this
     * build's {@code grokphase-spark/bin/spark-submit-mvn} (Spark from Maven Central, for local
     * masters on machines without a Spark installation).
     */
    public static Optional<Path> findSparkSubmit(Map<String, String> env) {
        Optional<Path> installed = findInstalledSparkSubmit(env);
        if (installed.isPresent()) {
            return installed;
        }
        Path mvn = repoRoot().resolve("grokphase-spark").resolve("bin").resolve("spark-submit-mvn");
        return Files.isExecutable(mvn) ? Optional.of(mvn) : Optional.empty();
    }

    /** {@code $SPARK_HOME/bin/spark-submit}, else the first {@code spark-submit} on PATH. */
    public static Optional<Path> findInstalledSparkSubmit(Map<String, String> env) {
        String home = env.get("SPARK_HOME");
        if (home != null && !home.isBlank()) {
            Path p = Path.of(home, "bin", "spark-submit");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, "spark-submit");
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The grokphase-spark jar: {@code $GROKPHASE_SPARK_JAR}, else
     * {@code grokphase-spark/target/grokphase-spark.jar} beside the app module this jar came from.
     */
    public static Path sparkJar(Map<String, String> env) {
        String fromEnv = env.get(JAR_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath();
        }
        return repoRoot().resolve("grokphase-spark").resolve("target").resolve("grokphase-spark.jar");
    }

    /** The project root: two levels above the directory holding the app's jar or classes. */
    static Path repoRoot() {
        try {
            Path code = Path.of(GrokphaseCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // grokphase-app/target/grokphase.jar or grokphase-app/target/classes -> project root
            Path target = code.getParent();
            Path root = target == null || target.getParent() == null ? null : target.getParent().getParent();
            return root == null ? Path.of("").toAbsolutePath() : root;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    /**
     * A main source or pom of the project at {@code root} that is newer than {@code jar} (a jar
     * built before the last edit), or empty; empty too when {@code root} is no source tree.
     */
    static Optional<Path> newerSource(Path jar, Path root) {
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try {
            long built = Files.getLastModifiedTime(jar).toMillis();
            List<Path> places = new ArrayList<>(List.of(root.resolve("pom.xml")));
            for (String module : List.of("grokphase-core", "grokphase-app", "grokphase-spark")) {
                places.add(root.resolve(module).resolve("pom.xml"));
                places.add(root.resolve(module).resolve("src").resolve("main"));
            }
            for (Path place : places) {
                if (!Files.exists(place)) {
                    continue;
                }
                try (var walk = Files.walk(place)) {
                    Optional<Path> newer = walk.filter(Files::isRegularFile).filter(p -> {
                        try {
                            return Files.getLastModifiedTime(p).toMillis() > built;
                        } catch (IOException e) {
                            return false;
                        }
                    }).findFirst();
                    if (newer.isPresent()) {
                        return Optional.of(root.relativize(newer.get()));
                    }
                }
            }
        } catch (IOException e) {
            // cannot tell: let spark-submit run the jar there is
        }
        return Optional.empty();
    }

    /**
     * The spark-submit command line that runs {@code sweepArgs} (the sweep command's own arguments,
     * {@code --executor spark} included) on the Spark driver.
     *
     * Every {@code --executor-option spark.KEY=VALUE} of the sweep becomes {@code --conf
     * spark.KEY=VALUE} (e.g. {@code spark.task.cpus=4}: the cores each run gets), because Spark
     * reads those when the application starts. The driver's and executors' extraJavaOptions always
     * carry {@link dev.grokphase.special.BranchFreeErf#JVM_OPTION} (appended to the user's own).
     *
     * @param master  {@code --master} value, or null for spark-submit's default / spark-defaults.conf
     */
    public static List<String> submitCommand(String sparkSubmit, String master, Path jar, List<String> sweepArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(sparkSubmit);
        if (master != null && !master.isBlank()) {
            cmd.add("--master");
            cmd.add(master);
        }
        Map<String, String> javaOptions = new java.util.LinkedHashMap<>();
        javaOptions.put(DRIVER_JAVA_OPTIONS, null);
        javaOptions.put(EXECUTOR_JAVA_OPTIONS, null);
        for (int i = 0; i < sweepArgs.size(); i++) {
            String a = sweepArgs.get(i);
            String value = a.startsWith("--executor-option=") ? a.substring("--executor-option=".length())
                    : a.equals("--executor-option") && i + 1 < sweepArgs.size() ? sweepArgs.get(i + 1) : null;
            if (value != null && value.startsWith("spark.") && value.contains("=")) {
                String key = value.substring(0, value.indexOf('='));
                if (javaOptions.containsKey(key)) {
                    javaOptions.put(key, value.substring(key.length() + 1));
                } else {
                    cmd.add("--conf");
                    cmd.add(value);
                }
            }
        }
        // The JVMs that train (executors; the driver too with a local master) get the JIT option of
        // ./grokphase that vectorises the trainer's erf pass, added to any options the user gave.
        javaOptions.forEach((key, given) -> {
            String vectorise = dev.grokphase.special.BranchFreeErf.JVM_OPTION;
            String options = given == null || given.isBlank() ? vectorise
                    : given.contains("LoopUnrollLimit") ? given : given + " " + vectorise;
            cmd.add("--conf");
            cmd.add(key + "=" + options);
        });
        cmd.add("--class");
        cmd.add(MAIN_CLASS);
        cmd.add(jar.toString());
        cmd.add("sweep");
        cmd.addAll(sweepArgs);
        return cmd;
    }

    static final String DRIVER_JAVA_OPTIONS = "spark.driver.extraJavaOptions";
    static final String EXECUTOR_JAVA_OPTIONS = "spark.executor.extraJavaOptions";

    /** The command {@link #launch} would run, with {@code spark-submit} bare when it is not found. */
    public static List<String> command(String master, List<String> sweepArgs, Map<String, String> env) {
        return submitCommand(findSparkSubmit(env).map(Path::toString).orElse("spark-submit"), master, sparkJar(env), sweepArgs);
    }

    /** Printable form of a command line (POSIX shell quoting). */
    public static String render(List<String> cmd) {
        return Shell.join(cmd);
    }

    /**
     * Runs spark-submit with this terminal's streams and returns its exit code. Without
     * spark-submit or the jar, fails with one line that says what to set and what would run.
     */
    public static int launch(String master, List<String> sweepArgs, Map<String, String> env) {
        return launch(master, sweepArgs, env, findSparkSubmit(env));
    }

    static int launch(String master, List<String> sweepArgs, Map<String, String> env, Optional<Path> submit) {
        Path jar = sparkJar(env);
        List<String> cmd = submitCommand(submit.map(Path::toString).orElse("spark-submit"), master, jar, sweepArgs);
        if (underSparkSubmit()) {
            throw new GrokphaseException(ErrorCode.INVALID_VALUE, "--executor = spark: running under spark-submit but the "
                    + "Spark executor is not on the class path; submit grokphase-spark.jar, not grokphase.jar");
        }
        if (!Files.isRegularFile(jar)) {
            throw new GrokphaseException(ErrorCode.INVALID_VALUE, "--executor = spark needs " + jar
                    + ": build it with 'mvn -B -q -DskipTests package -pl grokphase-spark -am' or set " + JAR_ENV);
        }
        if (!env.containsKey(JAR_ENV)) {
            newerSource(jar, repoRoot()).ifPresent(src -> {
                throw new GrokphaseException(ErrorCode.INVALID_VALUE, "--executor = spark: " + jar + " is older than the "
                        + "sources (" + src + " changed): rebuild it with 'mvn -B -q -DskipTests package -pl grokphase-spark -am' "
                        + "(./grokphase does that itself)");
            });
        }
        if (submit.isEmpty()) {
            throw new GrokphaseException(ErrorCode.INVALID_VALUE, "--executor = spark needs spark-submit: set SPARK_HOME "
                    + "or put spark-submit on PATH (or use --executor local); the command would be: " + render(cmd));
        }
        try {
            return new ProcessBuilder(cmd).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot start " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GrokphaseException(ErrorCode.IO, "interrupted while spark-submit was running", e);
        }
    }
}
