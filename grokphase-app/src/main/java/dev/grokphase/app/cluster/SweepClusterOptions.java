package dev.grokphase.app.cluster;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.sweep.ExperimentSpec;
import dev.grokphase.sweep.LocalSweepExecutor;
import dev.grokphase.sweep.PlannedRun;
import dev.grokphase.sweep.RunHandlers;
import dev.grokphase.sweep.RunResult;
import dev.grokphase.sweep.Scale;
import dev.grokphase.sweep.Sweep;
import dev.grokphase.sweep.SweepExecutor;
import dev.grokphase.sweep.SweepListener;
import dev.grokphase.sweep.SweepRunner;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sweep command's options for where runs execute: {@code --executor local|spark}, the SLURM
 * export {@code --emit-slurm DIR} and the single-run mode {@code --run-index I} that each SLURM
 * array task uses. A picocli mixin, so the sweep command stays one class of sweep options.
 */
public final class SweepClusterOptions {

    /** Where a sweep's runs execute. */
    public enum Executor { local, spark }

    @Option(names = "--executor", defaultValue = "local", paramLabel = "local|spark",
            description = "Where runs execute: local (thread pool of this machine) or spark (in-process under "
                    + "spark-submit with grokphase-spark.jar, else re-launched through spark-submit). Default: ${DEFAULT-VALUE}.")
    Executor executor;

    @Option(names = "--spark-master", paramLabel = "URL",
            description = "spark-submit --master when re-launching (e.g. local[*], yarn, spark://host:7077); "
                    + "default: spark-submit's own (spark-defaults.conf).")
    String sparkMaster;

    @Option(names = "--spark-output", paramLabel = "URI",
            description = "Run directories on a Hadoop file system (hdfs://..., s3a://...) instead of --out; "
                    + "plan.json and summary.csv stay under --out.")
    String sparkOutput;

    @Option(names = "--spark-print", description = "Print the spark-submit command instead of running it.")
    boolean sparkPrint;

    @Option(names = "--emit-slurm", paramLabel = "DIR",
            description = "Write a SLURM job array (sweep.sbatch, submit.sh, runs.tsv) into DIR instead of running.")
    Path emitSlurm;

    @Option(names = "--run-index", paramLabel = "I",
            description = "Run only run I of the plan (0-based, plan order as in runs.tsv / plan.json): one SLURM array task.")
    Integer runIndex;

    @Option(names = "--slurm-cpus", defaultValue = "2", description = "CPUs per SLURM array task. Default: ${DEFAULT-VALUE}.")
    int slurmCpus;

    @Option(names = "--slurm-time", defaultValue = "04:00:00", description = "Time limit per SLURM array task. Default: ${DEFAULT-VALUE}.")
    String slurmTime;

    @Option(names = "--slurm-max-parallel", defaultValue = "0",
            description = "At most this many array tasks at once (0: no limit). Default: ${DEFAULT-VALUE}.")
    int slurmMaxParallel;

    @Option(names = "--slurm-option", paramLabel = "LINE",
            description = "Extra #SBATCH line for the array script, e.g. --slurm-option=--partition=cpu (repeatable).")
    List<String> slurmExtra = new ArrayList<>();

    /**
     * What the sweep command knows when it dispatches.
     *
     * @param specArg   the SPEC argument as given (a built-in id or a YAML path)
     * @param spec      the loaded spec
     * @param root      the sweep's output root ({@code --out})
     * @param args      the sweep command's own arguments as given (after the word {@code sweep})
     * @param threads   local threads
     * @param handlers  run handlers for local execution
     */
    public record Context(String specArg, ExperimentSpec spec, Scale scale, Path root, List<String> args, int threads,
                          RunHandlers handlers, SweepListener listener, PrintWriter stdout) {
    }

    /**
     * Runs the sweep as the options say and returns the exit code, or empty when the caller should
     * run the whole sweep with {@link #executor}. Handles {@code --run-index}, {@code --emit-slurm}
     * and a spark-submit re-launch itself.
     */
    public Optional<Integer> handle(Context ctx) {
        validate();
        if (runIndex != null) {
            return Optional.of(runOne(ctx));
        }
        if (emitSlurm != null) {
            List<PlannedRun> plan = ctx.spec().plan(ctx.scale());
            Sweep.writePlan(Sweep.sweepDir(ctx.root(), ctx.spec(), ctx.scale()).resolve("plan.json"), ctx.spec(), ctx.scale(), plan);
            Path script = SlurmExport.write(emitSlurm, ctx.specArg(), ctx.spec().id(), ctx.scale(), ctx.root(), plan,
                    launcher(), new SlurmExport.Options(slurmCpus, slurmTime, slurmMaxParallel, slurmExtra));
            ctx.stdout().println("wrote " + script + " (" + plan.size() + " array tasks), "
                    + script.resolveSibling("submit.sh") + " and " + script.resolveSibling("runs.tsv"));
            ctx.stdout().println("submit with: bash " + Shell.quote(script.resolveSibling("submit.sh").toString()));
            return Optional.of(0);
        }
        if (executor == Executor.spark) {
            Optional<SweepExecutor> inProcess = sparkPrint ? Optional.empty() : SparkLaunch.inProcess();
            if (inProcess.isEmpty()) {
                Map<String, String> env = System.getenv();
                if (sparkPrint) {
                    ctx.stdout().println(SparkLaunch.render(SparkLaunch.command(sparkMaster, ctx.args(), env)));
                    return Optional.of(0);
                }
                return Optional.of(SparkLaunch.launch(sparkMaster, ctx.args(), env));
            }
        }
        return Optional.empty();
    }

    /** The executor for a whole sweep in this JVM (after {@link #handle} returned empty). */
    public SweepExecutor executor(Context ctx) {
        if (executor == Executor.spark) {
            if (sparkOutput != null) {
                // SparkConf reads spark.* system properties when the executor creates its context.
                System.setProperty("spark.grokphase.output", sparkOutput);
            }
            return SparkLaunch.inProcess().orElseThrow();
        }
        return new LocalSweepExecutor(ctx.threads(), ctx.handlers());
    }

    private void validate() {
        if (runIndex != null && emitSlurm != null) {
            throw GrokphaseException.invalid("--run-index", runIndex, "cannot be combined with --emit-slurm");
        }
        if ((runIndex != null || emitSlurm != null) && executor == Executor.spark) {
            throw GrokphaseException.invalid("--executor", executor, "--run-index and --emit-slurm run with the local executor");
        }
        if (sparkOutput != null && executor != Executor.spark) {
            throw GrokphaseException.invalid("--spark-output", sparkOutput, "needs --executor spark");
        }
        if (slurmCpus < 1) {
            throw GrokphaseException.outOfRange("--slurm-cpus", slurmCpus, "[1, inf)");
        }
        if (slurmMaxParallel < 0) {
            throw GrokphaseException.outOfRange("--slurm-max-parallel", slurmMaxParallel, "[0, inf)");
        }
    }

    private int runOne(Context ctx) {
        List<PlannedRun> plan = ctx.spec().plan(ctx.scale());
        int i = runIndex;
        if (i < 0 || i >= plan.size()) {
            throw GrokphaseException.outOfRange("--run-index", i, "[0, " + (plan.size() - 1) + "] (the plan of "
                    + ctx.spec().id() + " at scale " + ctx.scale().id() + " has " + plan.size() + " runs)");
        }
        RunResult r = SweepRunner.runOne(plan.get(i), ctx.root(), ctx.handlers(), ctx.listener());
        ctx.stdout().println("run " + i + " " + r.planned().key() + ": " + r.status().id()
                + (r.skipped() ? " (already done)" : r.resumed() ? " (resumed)" : "") + " -> " + r.directory());
        if (!r.status().isDone()) {
            throw new GrokphaseException(ErrorCode.INVALID_VALUE, "run " + i + " " + r.planned().key() + " " + r.status().id()
                    + ": " + r.error());
        }
        return 0;
    }

    /** The ./grokphase launcher of this build, for the SLURM scripts (absolute path). */
    private static String launcher() {
        Path p = SparkLaunch.repoRoot().resolve("grokphase");
        return java.nio.file.Files.isExecutable(p) ? p.toString() : "grokphase";
    }
}
