package dev.grokphase.app.cli;

import dev.grokphase.app.cluster.SweepClusterOptions;
import dev.grokphase.sweep.ExperimentSpec;
import dev.grokphase.sweep.PlannedRun;
import dev.grokphase.sweep.RunHandlers;
import dev.grokphase.sweep.RunResult;
import dev.grokphase.sweep.Scale;
import dev.grokphase.sweep.SpecLoader;
import dev.grokphase.sweep.Sweep;
import dev.grokphase.sweep.SweepListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code grokphase sweep SPEC}: every run of an experiment spec at a scale, each in its own
 * directory under {@code --out/runs/}, skipping done runs and resuming interrupted ones; on this
 * machine's threads, on Spark, or exported as a SLURM job array ({@link SweepClusterOptions}).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run the grid of an experiment spec: resumable, one directory per run; locally, on Spark, or as a SLURM array.")
public final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC", description = "A built-in spec id (fig2, fig3, ...) or a YAML spec file.")
    String specArg;

    @Option(names = "--scale", defaultValue = "default", paramLabel = "quick|default|full",
            description = "Sizes to run at. Default: ${DEFAULT-VALUE}.")
    String scale;

    @Option(names = "--out", defaultValue = "grokphase-runs", paramLabel = "DIR",
            description = "Sweep root: runs/<key>/ per run, sweeps/<spec>-<scale>/{plan.json,summary.csv}. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--threads", defaultValue = "2", description = "Runs at once with the local executor. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Mixin
    SweepClusterOptions cluster;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        ExperimentSpec spec = SpecLoader.resolve(specArg);
        Scale s = Scale.parse("--scale", scale);
        dev.grokphase.param.Require.positive("--threads", threads);
        PrintWriter stdout = command.commandLine().getOut();
        PrintWriter stderr = command.commandLine().getErr();
        SweepClusterOptions.Context ctx = new SweepClusterOptions.Context(specArg, spec, s, out, ownArgs(), threads,
                RunHandlers.discover(), progress(stderr), stdout);
        Integer handled = cluster.handle(ctx).orElse(null);
        if (handled != null) {
            return handled;
        }
        List<RunResult> results = Sweep.run(spec, s, out, cluster.executor(ctx), ctx.listener());
        long failed = results.stream().filter(r -> !r.status().isDone()).count();
        stdout.println(results.size() + " runs (" + results.stream().filter(RunResult::skipped).count() + " already done, "
                + failed + " failed); summary: " + Sweep.sweepDir(out, spec, s).resolve("summary.csv"));
        return failed == 0 ? 0 : 2;
    }

    /** The arguments after the word "sweep", as given: re-used verbatim by spark-submit. */
    private List<String> ownArgs() {
        List<String> all = command.commandLine().getParseResult().originalArgs();
        int at = all.indexOf("sweep");
        return at < 0 ? all : all.subList(at + 1, all.size());
    }

    private static SweepListener progress(PrintWriter err) {
        return new SweepListener() {
            private final AtomicInteger done = new AtomicInteger();
            private volatile int total;

            @Override
            public void planned(int n) {
                total = n;
            }

            @Override
            public void finished(RunResult r) {
                int k = done.incrementAndGet();
                PlannedRun p = r.planned();
                synchronized (err) {
                    err.println("[" + k + "/" + total + "] " + p.key() + " " + r.status().id()
                            + (r.skipped() ? " (already done)" : "") + (r.error().isEmpty() ? "" : ": " + r.error()));
                    err.flush();
                }
            }
        };
    }
}
