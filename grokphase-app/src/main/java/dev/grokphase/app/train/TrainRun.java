package dev.grokphase.app.train;

import dev.grokphase.app.cli.VersionProvider;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.experiment.Experiment;
import dev.grokphase.experiment.LogSchedule;
import dev.grokphase.experiment.ProgressListener;
import dev.grokphase.experiment.TaskMetrics;
import dev.grokphase.io.Json;
import dev.grokphase.param.Require;
import dev.grokphase.store.RunDirectory;
import dev.grokphase.sweep.Cores;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run protocol shared by {@code train cubic} and {@code train modular}: merge {@code --config}
 * or, with {@code --resume}, the manifest's config into the options; validate; create or open
 * the run directory; write the manifest before step 0; train; print the summary.
 */
public final class TrainRun {

    /** A command's task-specific part. */
    public interface Task {
        /** Validates the task options (one-line errors naming the flag). */
        void validate();

        /** The big arrays an ensemble of {@code seeds} × {@code datasets} networks holds (checked before building). */
        List<dev.grokphase.param.MemoryBudget.Term> memory(long seeds, long datasets);

        /**
         * Options that the chosen sampler or optimiser does not read, each with the ones it applies
         * to: given explicitly, they are refused rather than silently ignored.
         */
        default Map<String, String> inapplicable() {
            return Map.of();
        }

        /** Builds the K·D networks with their data from the derived seeds. */
        List<Experiment.Network> build(long rootSeed, int datasets, int seeds, int threads);

        TaskMetrics metrics();

        /** The linear-algebra backend the trainers use, for the manifest. */
        String blasBackend();
    }

    /** Test hook: stop cleanly after the first checkpoint at or beyond this step (null in normal use). */
    static volatile Long stopAfterForTests;

    /**
     * Test hook for the kill -9 test: a system property naming milliseconds to sleep after every
     * progress chunk, so that a child process is still training when it is killed. Sleeping
     * changes no number.
     */
    public static final String SLOW_PROPERTY = "grokphase.test.sleepMillisPerChunk";

    private TrainRun() {
    }

    public static int execute(CommandSpec spec, CommonTrainOptions c, String command, Task task) {
        ParseResult parsed = spec.commandLine().getParseResult();
        RunDirectory dir;
        Map<String, Object> manifest;
        if (c.resume) {
            if (c.config != null) {
                throw GrokphaseException.invalid("--config", c.config, "cannot be combined with --resume (the run's manifest holds its configuration)");
            }
            // Read before locking, so a damaged manifest is reported as such (and nothing is created).
            if (!java.nio.file.Files.isRegularFile(c.out.resolve(RunDirectory.MANIFEST))) {
                throw GrokphaseException.invalid("--out", c.out, "is not a run directory (no " + RunDirectory.MANIFEST + ")");
            }
            manifest = RunDirectory.readManifest(c.out.resolve(RunDirectory.MANIFEST));
            if (!command.equals(manifest.get("command"))) {
                throw GrokphaseException.invalid("--out", c.out, "holds a '" + manifest.get("command") + "' run, not '" + command + "'");
            }
            if ("completed".equals(manifest.get("status"))) {
                throw GrokphaseException.invalid("--resume", c.out, "this run has already completed");
            }
            if ("diverged".equals(manifest.get("status"))) {
                throw GrokphaseException.invalid("--resume", c.out, "this run diverged (" + manifest.get("error")
                        + "); the same seeds diverge again: start a new run with other settings (e.g. a smaller --lr)");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) manifest.get("config");
            OptionValues.apply(spec, parsed, config, "--resume", true);
        } else if (c.config != null) {
            Map<String, Object> fromFile = OptionValues.readFile(c.config);
            OptionValues.apply(spec, parsed, fromFile, "--config", false);
            refuseInapplicable(task, parsed, fromFile.keySet());
            manifest = null;
        } else {
            refuseInapplicable(task, parsed, java.util.Set.of());
            manifest = null;
        }
        validateCommon(c);
        task.validate();
        // Before anything is allocated: an impossible size is one line, never an OutOfMemoryError.
        // (A spec being checked may run elsewhere, on a bigger heap: there only the array limits apply.)
        dev.grokphase.param.MemoryBudget.check(task.memory(c.seeds, c.datasets), !dev.grokphase.app.sweep.ValidationOnly.active());
        if (dev.grokphase.app.sweep.ValidationOnly.active()) {
            return 0; // a spec being checked: the options are valid, nothing is built or written
        }
        int threads = c.threads == 0 ? Cores.available() : c.threads;
        int networks = c.seeds * c.datasets;
        List<Experiment.Network> nets = task.build(c.seed, c.datasets, c.seeds, threads);
        if (c.resume) {
            dir = RunDirectory.open(c.out, "--out");
            manifest = dir.readManifest(); // again under the lock: the holder we waited for may have changed it
            if (!dir.hasCheckpoint()) {
                spec.commandLine().getErr().println("grokphase: note: " + c.out + " has no checkpoint yet; the run restarts from step 0");
            }
        } else {
            dir = RunDirectory.createNew(c.out, "--out");
            manifest = newManifest(spec, command, c, nets, task.blasBackend());
        }
        try (RunDirectory held = dir) {
            return train(spec, c, task, held, manifest, threads, networks, nets);
        }
    }

    private static int train(CommandSpec spec, CommonTrainOptions c, Task task, RunDirectory dir, Map<String, Object> manifest,
                             int threads, int networks, List<Experiment.Network> nets) {
        manifest.put("threads", threads);
        long checkpointEvery = c.checkpointEvery > 0 ? c.checkpointEvery : Math.max(1, c.steps / 10);
        int groups = c.secondStart() == null ? networks : 2 * networks;
        Experiment exp = new Experiment(dir, nets, dev.grokphase.experiment.SamplerMetrics.wrap(task.metrics(), nets), c.steps, new LogSchedule(c.steps, c.logPoints, c.logEvery),
                checkpointEvery, Math.min(threads, groups), progress(spec.commandLine().getErr(), c.progress),
                c.untilEss > 0 ? c.untilEss : Double.NaN);
        Experiment.Result result = exp.run(manifest, c.resume, stopAfterForTests);
        PrintWriter out = spec.commandLine().getOut();
        if (c.format == CommonTrainOptions.Format.json) {
            out.println(Json.line(result.summary()));
        } else {
            for (Map.Entry<String, Object> e : result.summary().entrySet()) {
                if (!(e.getValue() instanceof Map)) {
                    out.println(String.format(Locale.ROOT, "%-22s %s", e.getKey(), e.getValue()));
                }
            }
            out.println(String.format(Locale.ROOT, "%-22s %s", "runDirectory", dir.root()));
        }
        out.flush();
        return 0;
    }

    /** An option the sampler ignores, given on the command line or in --config, is an error, not a silent no-op. */
    private static void refuseInapplicable(Task task, ParseResult parsed, java.util.Set<String> configKeys) {
        for (Map.Entry<String, String> e : task.inapplicable().entrySet()) {
            String key = OptionValues.camel(e.getKey().replaceFirst("^-+", ""));
            boolean inConfig = configKeys.stream().anyMatch(k -> OptionValues.camel(k).equals(key));
            if (parsed.hasMatchedOption(e.getKey()) || inConfig) {
                Object value = parsed.hasMatchedOption(e.getKey()) ? parsed.matchedOptionValue(e.getKey(), (Object) null) : "(from --config)";
                throw GrokphaseException.invalid(e.getKey(), value, "does not apply here: " + e.getValue() + "; leave it out");
            }
        }
    }

    static void validateCommon(CommonTrainOptions c) {
        Require.positive("--steps", c.steps);
        Require.positive("--seeds", c.seeds);
        Require.positive("--datasets", c.datasets);
        Require.atLeast("--batch-size", c.batchSize, 0);
        Require.atLeast("--log-points", c.logPoints, 0);
        if (c.logEvery < 0) {
            throw GrokphaseException.outOfRange("--log-every", c.logEvery, "integers >= 0");
        }
        if (c.checkpointEvery < 0) {
            throw GrokphaseException.outOfRange("--checkpoint-every", c.checkpointEvery, "integers >= 0");
        }
        Require.atLeast("--threads", c.threads, 0);
        if (!(c.untilEss >= 0 && Double.isFinite(c.untilEss))) {
            throw GrokphaseException.outOfRange("--until-ess", c.untilEss, "a finite number >= 0 (0 = off)");
        }
        if (c.untilEss > 0 && c.logEvery == 0) {
            throw GrokphaseException.invalid("--until-ess", c.untilEss, "needs an evenly spaced record: set --log-every > 0");
        }
        c.initialState();
        c.secondStart();
    }

    private static ProgressListener progress(PrintWriter err, CommonTrainOptions.Progress mode) {
        ProgressListener p = display(err, mode);
        long sleep = Long.getLong(SLOW_PROPERTY, 0L);
        if (sleep <= 0) {
            return p;
        }
        return (step, total, status) -> {
            p.progress(step, total, status);
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static ProgressListener display(PrintWriter err, CommonTrainOptions.Progress mode) {
        return switch (mode) {
            case auto -> ProgressPrinter.auto(err);
            case bar -> new ProgressPrinter(err, true);
            case lines -> new ProgressPrinter(err, false);
            case none -> ProgressListener.NONE;
        };
    }

    private static Map<String, Object> newManifest(CommandSpec spec, String command, CommonTrainOptions c,
                                                   List<Experiment.Network> nets, String blas) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grokphaseVersion", VersionProvider.version());
        m.put("command", command);
        m.put("config", OptionValues.config(spec));
        Map<String, Object> seeds = new LinkedHashMap<>();
        seeds.put("root", c.seed);
        List<Map<String, Object>> per = new ArrayList<>();
        for (Experiment.Network n : nets) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("network", n.index());
            s.put("dataset", n.dataset());
            s.put("seed", n.seedIndex());
            s.put("data", n.dataSeed());
            s.put("init", n.initSeed());
            s.put("noise", n.noiseSeed());
            s.put("start", n.start());
            per.add(s);
        }
        seeds.put("networks", per);
        m.put("seeds", seeds);
        m.put("status", "running");
        m.put("startedAt", null);
        m.put("finishedAt", null);
        m.put("wallSeconds", null);
        m.put("javaVersion", System.getProperty("java.version"));
        m.put("osArch", System.getProperty("os.arch"));
        m.put("blasBackend", blas);
        m.put("gitCommit", VersionProvider.gitCommit());
        return m;
    }
}
