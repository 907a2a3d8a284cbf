package dev.grokphase.app.cli;

import dev.grokphase.app.report.ReportInputs;
import dev.grokphase.app.report.ReportWriter;
import dev.grokphase.app.sweep.ProgressDisplay;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.sweep.ExperimentSpec;
import dev.grokphase.sweep.LocalSweepExecutor;
import dev.grokphase.sweep.RunHandlers;
import dev.grokphase.sweep.RunResult;
import dev.grokphase.sweep.Scale;
import dev.grokphase.sweep.SpecLoader;
import dev.grokphase.sweep.Sweep;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code grokphase reproduce}: every built-in spec at the default scale, then the report. The
 * README's main command.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reproduce the paper's figures (and two experiments it lacks).",
                "Runs every built-in spec, then writes OUT/report.html and each figure into OUT/figures as PNG, SVG and PDF, with its caption as .txt and .tex.",
                "Default scale: under 15 minutes on a 2-core machine.",
                "Re-running skips finished runs, so an interrupted reproduce continues where it stopped."})
public final class ReproduceCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static final class ScaleChoice {
        @Option(names = "--quick", description = "About one minute: the smoke test the test suite runs.")
        boolean quick;
        @Option(names = "--large", description = "Longer and larger runs than the default (App. D, Fig. 2 at β = 1/2 and two points at β = 1): about an hour on 2 idle cores (≈ 110–120 CPU-minutes; 74 measured end to end before App. D's equilibrium runs and the β = 1/2 data-aware theory were added), hours on a loaded machine.")
        boolean large;
        @Option(names = "--full", description = "The paper's sizes (notes §6): hours to days; use a cluster.")
        boolean full;
    }

    @ArgGroup(exclusive = true)
    ScaleChoice choice = new ScaleChoice();

    @Option(names = "--only", split = ",", paramLabel = "SPEC[,SPEC...]",
            description = "Only these specs (built-in ids: fig2, fig3, appd, modular-langevin, modular-adamw).")
    List<String> only;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reproduce-out",
            description = "Output directory (runs, sweeps, report, figures). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Runs executed at the same time; each training run already uses every core for its ensemble. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Override
    public Integer call() {
        Scale scale = choice.quick ? Scale.QUICK : choice.large ? Scale.LARGE : choice.full ? Scale.FULL : Scale.DEFAULT;
        List<ExperimentSpec> specs = new ArrayList<>();
        List<String> ids = SpecLoader.builtinIds();
        if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            throw GrokphaseException.invalid("--out", out, "exists and is not a directory");
        }
        if (only != null) {
            if (only.isEmpty()) {
                throw GrokphaseException.invalid("--only", "''", "allowed " + String.join(", ", ids));
            }
            for (String id : only) {
                if (!ids.contains(id.trim())) {
                    throw GrokphaseException.invalid("--only", id, "allowed " + String.join(", ", ids));
                }
            }
        }
        for (String id : ids) {
            if (only == null || only.stream().anyMatch(o -> o.trim().equals(id))) specs.add(SpecLoader.builtin(id));
        }
        for (ExperimentSpec s : specs) {
            dev.grokphase.app.sweep.SpecValidation.validate(s, scale, s.id() + ".yaml");
        }
        var err = spec.commandLine().getErr();
        var o = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        int runs = 0;
        int failed = 0;
        List<String> failures = new ArrayList<>();
        LocalSweepExecutor ex = new LocalSweepExecutor(threads, RunHandlers.discover());
        err.println("grokphase reproduce: " + specs.size() + " spec(s) at scale '" + scale.id() + "' into " + out.toAbsolutePath());
        for (ExperimentSpec s : specs) {
            ProgressDisplay progress = new ProgressDisplay(err, s.id());
            List<RunResult> results = Sweep.run(s, scale, out, ex, progress);
            progress.finish();
            runs += results.size();
            for (RunResult r : results) {
                if (!r.status().isDone()) {
                    failed++;
                    if (failures.size() < 5) failures.add(s.id() + "/" + r.planned().computationId() + ": " + r.error());
                }
            }
        }
        err.println("grokphase reproduce: writing the report...");
        Path html = out.resolve("report.html");
        ReportInputs.Inputs inputs = ReportInputs.find(List.of(out));
        for (String warning : inputs.warnings()) {
            err.println("grokphase: warning: " + warning);
        }
        ReportWriter.Written w = new ReportWriter().write(inputs, html, out.resolve("figures"),
                "grokphase reproduce (" + scale.id() + " scale)");
        double secs = (System.nanoTime() - t0) * 1e-9;
        if (failed > 0) {
            err.println("grokphase reproduce: " + failed + " of " + runs + " runs did not complete; first: " + String.join(" | ", failures));
        }
        o.println(String.format(Locale.ROOT, "report: %s  (%d figures, %d runs, %d failed, %d not equilibrated; %s)",
                w.html().toAbsolutePath(), w.figures(), runs, failed, w.notEquilibrated(), ProgressClock.format(secs)));
        o.flush();
        return 0;
    }

    /** mm:ss for the final line. */
    static final class ProgressClock {
        static String format(double seconds) {
            long t = Math.round(seconds);
            return String.format(Locale.ROOT, "%d min %02d s", t / 60, t % 60);
        }
    }
}
