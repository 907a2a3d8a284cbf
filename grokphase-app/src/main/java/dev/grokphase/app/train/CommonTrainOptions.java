package dev.grokphase.app.train;

import picocli.CommandLine.Option;

import dev.grokphase.net.InitialState;

import java.nio.file.Path;

/** Options shared by {@code train cubic} and {@code train modular}: ensemble, schedule, storage, output. */
public final class CommonTrainOptions {

    /** How the final metrics are printed on stdout. */
    public enum Format { table, json }

    /** Arithmetic of the trainer. */
    public enum Precision { float64, float32 }

    /** Progress display on stderr. */
    public enum Progress { auto, bar, lines, none }

    @Option(names = "--steps", description = "Training steps (epochs when full batch). Default: ${DEFAULT-VALUE}.", defaultValue = "1000")
    public long steps;

    @Option(names = "--seeds", description = "Networks per dataset (init and noise seeds). Default: ${DEFAULT-VALUE}.", defaultValue = "1")
    public int seeds;

    @Option(names = "--datasets", description = "Independent datasets (data seeds); K·D networks in all. Default: ${DEFAULT-VALUE}.", defaultValue = "1")
    public int datasets;

    @Option(names = "--seed", description = "Root seed; data, init and noise seeds are derived from it and recorded. Default: ${DEFAULT-VALUE}.", defaultValue = "0")
    public long seed;

    @Option(names = "--precision", description = "float64 | float32. Default: ${DEFAULT-VALUE}.", defaultValue = "float64")
    public Precision precision;

    @Option(names = "--batch-size", description = "Minibatch size; 0 = full batch. Default: ${DEFAULT-VALUE}.", defaultValue = "0")
    public int batchSize;

    @Option(names = "--log-points", description = "Log-spaced logging steps between 1 and --steps. Default: ${DEFAULT-VALUE}.", defaultValue = "60")
    public int logPoints;

    @Option(names = "--log-every", description = "Also log every this many steps (evenly spaced record for equilibration); 0 = off. Default: ${DEFAULT-VALUE}.", defaultValue = "0")
    public long logEvery;

    @Option(names = "--init", description = "Where every chain starts: prior | aligned:Q (cubic only: each hidden neuron at overlap ±Q with the teacher, random sign, orthogonal part from the prior). Default: ${DEFAULT-VALUE}.",
            defaultValue = "prior")
    public String init;

    @Option(names = "--two-start", description = "Also run every network from this second start (e.g. aligned:1.3) on the same datasets; "
            + "the equilibration verdict then requires the two starts to agree within error bars. Default: none.")
    public String twoStart;

    @Option(names = "--until-ess", description = "Stop once every equilibration observable (of every start) has at least this many effective samples "
            + "over the second half of the steps so far; --steps is then the cap. Needs --log-every. 0 = off. Default: ${DEFAULT-VALUE}.",
            defaultValue = "0")
    public double untilEss;

    @Option(names = "--checkpoint-every", description = "Checkpoint every this many steps; 0 = one tenth of --steps. Default: ${DEFAULT-VALUE}.", defaultValue = "0")
    public long checkpointEvery;

    @Option(names = "--threads", description = "Networks trained in parallel; 0 = one per CPU core (in a sweep: per core granted to the run). Default: ${DEFAULT-VALUE}.", defaultValue = "0")
    public int threads;

    @Option(names = "--out", description = "Run directory (created; must be new or empty unless --resume). Default: ${DEFAULT-VALUE}.", defaultValue = "runs/train")
    public Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint, with the manifest's configuration.")
    public boolean resume;

    @Option(names = "--config", description = "YAML or JSON file of options (same keys as the long options, camelCase or kebab-case); flags override it.")
    public Path config;

    @Option(names = "--format", description = "table | json: how the final metrics are printed. Default: ${DEFAULT-VALUE}.", defaultValue = "table")
    public Format format;

    @Option(names = "--progress", description = "auto (bar on a terminal, plain lines otherwise) | bar | lines | none. Default: ${DEFAULT-VALUE}.", defaultValue = "auto")
    public Progress progress;

    /** The parsed --init. */
    public InitialState initialState() {
        return InitialState.parse("--init", init);
    }

    /** The parsed --two-start, or null when there is no second start. */
    public InitialState secondStart() {
        if (twoStart == null || twoStart.isBlank() || twoStart.equalsIgnoreCase("none")) {
            return null;
        }
        InitialState s = InitialState.parse("--two-start", twoStart);
        if (s.id().equals(initialState().id())) {
            throw dev.grokphase.error.GrokphaseException.invalid("--two-start", twoStart, "must differ from --init (" + init + ")");
        }
        return s;
    }
}
