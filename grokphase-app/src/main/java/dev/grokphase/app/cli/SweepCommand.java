package dev.grokphase.app.cli;

import dev.grokphase.app.cluster.SweepClusterOptions;
import dev.grokphase.app.sweep.ProgressDisplay;
import dev.grokphase.app.sweep.SpecValidation;
import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.sweep.ExperimentSpec;
import dev.grokphase.sweep.PlannedRun;
import dev.grokphase.sweep.RunHandlers;
import dev.grokphase.sweep.RunResult;
import dev.grokphase.sweep.RunStatus;
import dev.grokphase.sweep.Scale;
import dev.grokphase.sweep.SpecLoader;
import dev.grokphase.sweep.Sweep;
import dev.grokphase.sweep.SweepExecutor;
import dev.grokphase.sweep.SweepExecutorFactory;
import dev.grokphase.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code grokphase sweep SPEC}: runs every point of an experiment spec, skipping finished runs. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the theory computations and training runs of an experiment spec.",
                "Each run goes to OUT/runs/<key>, key = hash of its full config; runs already completed are skipped,",
                "interrupted ones resumed. Writes OUT/sweeps/<spec>-<scale>/{spec.yaml,plan.json,summary.csv}.",
                "Built-in specs: fig2, fig3, appd, modular-langevin, modular-adamw."})
public final class SweepCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "A built-in spec id or a path to a spec YAML file.")
    String specArg;

    @Option(names = "--scale", paramLabel = "quick|default|large|full", defaultValue = "default",
            description = "Sizes to run: quick (smoke test), default (2-core machine), full (the paper's). Default: ${DEFAULT-VALUE}.")
    String scale;

    @Option(names = "--executor", paramLabel = "NAME", defaultValue = "local",
            description = "Where runs execute: local (a thread pool here) or spark (in-process under spark-submit with "
                    + "grokphase-spark.jar, else re-launched through spark-submit). Default: ${DEFAULT-VALUE}.")
    String executor;

    @Option(names = "--executor-option", paramLabel = "KEY=VALUE",
            description = "Option passed to the executor (repeatable). spark: master=URL (spark-submit --master when "
                    + "re-launching), output=URI (run directories on HDFS/S3 instead of --out), spark.KEY=VALUE "
                    + "(a Spark setting, e.g. spark.task.cpus=4: the cores of each run).")
    Map<String, String> executorOptions = Map.of();

    @Option(names = "--threads", paramLabel = "N", description = "Runs executed at the same time (local executor). Default: ${DEFAULT-VALUE}.",
            defaultValue = "1")
    int threads;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
            description = "Root directory of the run store. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = {"--index", "--run-index"}, paramLabel = "I",
            description = "Run only the planned run with this index (0-based, as --dry-run lists them): one task of a job array.")
    Integer index;

    @Option(names = "--dry-run", description = "Print the planned runs (index, status, key, arguments) and run nothing.")
    boolean dryRun;

    /** --emit-slurm (a job array of --index tasks) and the spark-submit re-launch of --executor spark. */
    @Mixin
    SweepClusterOptions cluster;

    @Override
    public Integer call() {
        Scale s = Scale.parse("--scale", scale);
        ExperimentSpec es = SpecLoader.resolve(specArg);
        // Every run of the spec is checked by its own command before anything is written or run.
        SpecValidation.validate(es, s, specArg.endsWith(".yaml") || specArg.endsWith(".yml")
                ? Path.of(specArg).getFileName().toString() : es.id() + ".yaml");
        var err = spec.commandLine().getErr();
        var o = spec.commandLine().getOut();
        if (dryRun) {
            List<PlannedRun> plan = es.plan(s);
            for (int i = 0; i < plan.size(); i++) {
                PlannedRun p = plan.get(i);
                o.println(i + "\t" + RunStatus.of(SweepRunner.runDir(out, p)).id() + "\t" + p.key() + "\tgrokphase "
                        + String.join(" ", p.run().toArgs()));
            }
            o.flush();
            return 0;
        }
        if (index != null) {
            List<PlannedRun> plan = es.plan(s);
            if (index < 0 || index >= plan.size()) {
                throw GrokphaseException.outOfRange("--index", index, "[0, " + (plan.size() - 1) + "] for spec " + es.id() + " at scale " + s.id());
            }
            // One run of the plan: the progress counts that one run, not the plan's size.
            ProgressDisplay one = new ProgressDisplay(err, es.id() + " #" + index);
            one.planned(1);
            RunResult r = SweepRunner.runOne(plan.get(index), out, RunHandlers.discover(), one);
            one.finish();
            o.println(r.status().id() + "\t" + r.directory());
            o.flush();
            if (!r.status().isDone()) {
                throw new GrokphaseException(ErrorCode.INVALID_VALUE, "run " + index + " did not complete: " + r.error());
            }
            return 0;
        }
        RunHandlers handlers = RunHandlers.discover();
        ProgressDisplay progress = new ProgressDisplay(err, es.id());
        Integer handled = cluster.handle(new SweepClusterOptions.Context(specArg, es, s, out, executor, executorOptions,
                spec.commandLine().getParseResult().originalArgs(), handlers, progress, o)).orElse(null);
        if (handled != null) {
            return handled;
        }
        SweepExecutor ex = SweepExecutorFactory.create(executor, threads, executorOptions, handlers);
        List<RunResult> results = Sweep.run(es, s, out, ex, progress);
        progress.finish();
        long failed = results.stream().filter(r -> !r.status().isDone()).count();
        Path summary = Sweep.sweepDir(out, es, s).resolve("summary.csv").toAbsolutePath();
        o.println("summary: " + summary);
        o.flush();
        if (failed > 0) {
            throw new GrokphaseException(ErrorCode.INVALID_VALUE, failed + " of " + results.size()
                    + " runs did not complete (see the error column of " + summary + ")");
        }
        return 0;
    }
}
