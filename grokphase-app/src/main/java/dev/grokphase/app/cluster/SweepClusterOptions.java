package dev.grokphase.app.cluster;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.sweep.ExperimentSpec;
import dev.grokphase.sweep.PlannedRun;
import dev.grokphase.sweep.RunHandlers;
import dev.grokphase.sweep.Scale;
import dev.grokphase.sweep.Sweep;
import dev.grokphase.sweep.SweepListener;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sweep command's options for running beyond this machine: the SLURM export
 * {@code --emit-slurm DIR} (a job array whose task {@code i} runs the sweep command's
 * {@code --index i}), and the spark-submit re-launch of {@code --executor spark} ({@code --spark-print} shows
 * the command). A picocli mixin, so the sweep command keeps its own options in one place.
 */
public final class SweepClusterOptions {

    @Option(names = "--spark-print", description = "Print the spark-submit command instead of running it.")
    boolean sparkPrint;

    @Option(names = "--emit-slurm", paramLabel = "DIR",
            description = "Write a SLURM job array (sweep.sbatch, submit.sh, runs.tsv) into DIR instead of running.")
    Path emitSlurm;

    @Option(names = "--slurm-cpus", defaultValue = "2", paramLabel = "N", description = "CPUs per SLURM array task. Default: ${DEFAULT-VALUE}.")
    int slurmCpus;

    @Option(names = "--slurm-time", defaultValue = "04:00:00", paramLabel = "HH:MM:SS", description = "Time limit per SLURM array task. Default: ${DEFAULT-VALUE}.")
    String slurmTime;

    @Option(names = "--slurm-max-parallel", defaultValue = "0", paramLabel = "N",
            description = "At most this many array tasks at once (0: no limit). Default: ${DEFAULT-VALUE}.")
    int slurmMaxParallel;

    @Option(names = "--slurm-option", paramLabel = "LINE",
            description = "Extra #SBATCH line for the array and the summary job, e.g. --slurm-option=--partition=cpu (repeatable).")
    List<String> slurmExtra = new ArrayList<>();

    @Option(names = "--slurm-setup", paramLabel = "FILE",
            description = "Shell lines to run in each SLURM job before grokphase (module load java/17, export JAVA_HOME=...).")
    Path slurmSetup;

    /**
     * What the sweep command knows when it dispatches.
     *
     * @param specArg         the SPEC argument as given (a built-in id or a YAML path)
     * @param spec            the loaded spec
     * @param root            the sweep's output root ({@code --out})
     * @param executor        the {@code --executor} name
     * @param executorOptions the {@code --executor-option} pairs (spark: master, output)
     * @param originalArgs    the tool's arguments as given ({@code sweep ...}), re-used by spark-submit
     * @param handlers        run handlers for local execution
     */
    public record Context(String specArg, ExperimentSpec spec, Scale scale, Path root, String executor,
                          Map<String, String> executorOptions, List<String> originalArgs, RunHandlers handlers,
                          SweepListener listener, PrintWriter stdout) {

        /** The sweep command's own arguments (everything after the word {@code sweep}) without {@code --spark-print}. */
        List<String> sweepArgs() {
            int at = originalArgs.indexOf("sweep");
            List<String> own = new ArrayList<>(at < 0 ? originalArgs : originalArgs.subList(at + 1, originalArgs.size()));
            own.remove("--spark-print");
            return own;
        }
    }

    /**
     * Runs the sweep as the options say and returns the exit code, or empty when the caller should
     * run the whole sweep with the executor {@code --executor} names. Handles
     * {@code --emit-slurm}, and {@code --executor spark} where the Spark executor is not on the class
     * path (a spark-submit re-launch, or {@code --spark-print}).
     */
    public Optional<Integer> handle(Context ctx) {
        validate(ctx);
        if (emitSlurm != null) {
            List<PlannedRun> plan = ctx.spec().plan(ctx.scale());
            Sweep.writePlan(Sweep.sweepDir(ctx.root(), ctx.spec(), ctx.scale()).resolve("plan.json"), ctx.spec(), ctx.scale(), plan);
            Path script = SlurmExport.write(emitSlurm, specForScripts(ctx.specArg()), ctx.spec().id(), ctx.scale(), ctx.root(), plan,
                    launcher(), new SlurmExport.Options(slurmCpus, slurmTime, slurmMaxParallel, slurmExtra, setupLines(),
                            slurmSetup == null ? null : slurmSetup.toAbsolutePath().normalize().toString()));
            ctx.stdout().println("wrote " + script + " (" + plan.size() + " array tasks), "
                    + script.resolveSibling("summary.sbatch") + ", " + script.resolveSibling("submit.sh") + " and "
                    + script.resolveSibling("runs.tsv"));
            ctx.stdout().println("submit with: bash " + Shell.quote(script.resolveSibling("submit.sh").toString()));
            return Optional.of(0);
        }
        if ("spark".equals(ctx.executor()) && (sparkPrint || !SparkLaunch.inProcess())) {
            Map<String, String> env = System.getenv();
            String master = ctx.executorOptions().get("master");
            if (sparkPrint) {
                ctx.stdout().println(SparkLaunch.render(SparkLaunch.command(master, ctx.sweepArgs(), env)));
                return Optional.of(0);
            }
            return Optional.of(SparkLaunch.launch(master, ctx.sweepArgs(), env));
        }
        if (sparkPrint) {
            throw GrokphaseException.invalid("--spark-print", true, "needs --executor spark");
        }
        return Optional.empty();
    }

    /**
     * The SPEC argument as the job scripts must name it: a spec file by its absolute path (the
     * jobs may start in any directory), a built-in spec by its id.
     */
    static String specForScripts(String specArg) {
        Path p = Path.of(specArg);
        boolean file = specArg.endsWith(".yaml") || specArg.endsWith(".yml") || Files.isRegularFile(p);
        return file ? p.toAbsolutePath().normalize().toString() : specArg;
    }

    private List<String> setupLines() {
        if (slurmSetup == null) {
            return List.of();
        }
        if (!Files.isRegularFile(slurmSetup)) {
            throw GrokphaseException.invalid("--slurm-setup", slurmSetup, "not found (a file of shell lines to run before grokphase)");
        }
        try {
            return Files.readAllLines(slurmSetup);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw GrokphaseException.invalid("--slurm-setup", slurmSetup, "cannot be read as text: " + e.getMessage());
        }
    }

    private void validate(Context ctx) {
        if (emitSlurm != null && !"local".equals(ctx.executor())) {
            throw GrokphaseException.invalid("--executor", ctx.executor(), "--emit-slurm writes tasks for the local executor");
        }
        if (slurmCpus < 1) {
            throw GrokphaseException.outOfRange("--slurm-cpus", slurmCpus, "[1, inf)");
        }
        if (!slurmTime.matches("(\\d+-)?\\d+(:\\d{1,2}){0,2}|(?i:unlimited|infinite)")) {
            throw GrokphaseException.invalid("--slurm-time", slurmTime, "a SLURM time limit: MM, HH:MM:SS or D-HH[:MM[:SS]]");
        }
        if (slurmMaxParallel < 0) {
            throw GrokphaseException.outOfRange("--slurm-max-parallel", slurmMaxParallel, "[0, inf)");
        }
    }

    /**
     * How SLURM tasks start the tool: this jar with {@code java -jar} (absolute path; no rebuild
     * check, unlike ./grokphase), or {@code grokphase} from PATH when not running from a jar.
     */
    static List<String> launcher() {
        try {
            Path code = Path.of(dev.grokphase.app.GrokphaseCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (code.toString().endsWith(".jar")) {
                // the options of ./grokphase (its JIT option vectorises the trainer's erf pass)
                return List.of("java", "-Djava.awt.headless=true", "-XX:+UseParallelGC",
                        dev.grokphase.special.BranchFreeErf.JVM_OPTION, "-jar", code.toAbsolutePath().toString());
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall through to PATH
        }
        return List.of("grokphase");
    }
}
