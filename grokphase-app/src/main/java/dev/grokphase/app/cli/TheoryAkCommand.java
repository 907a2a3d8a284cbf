package dev.grokphase.app.cli;

import dev.grokphase.app.output.OutputFormat;
import dev.grokphase.app.output.RowPrinter;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.io.NumericTable;
import dev.grokphase.param.Range;
import dev.grokphase.param.Require;
import dev.grokphase.theory.ak.AkProblem;
import dev.grokphase.theory.ak.AkSettings;
import dev.grokphase.theory.ak.AkSolution;
import dev.grokphase.theory.ak.DataAwareSolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code grokphase theory ak}: the data-aware adaptive-kernel solver on a user's data set — the mean
 * predictor of a two-layer network f(x) = Σ a_i φ(w_i·x) of width N, Gaussian priors, noise σ²,
 * as the mean-field theory (paper-notes §3.2–§3.4) predicts it on those very inputs.
 */
@Command(name = "ak", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Data-aware adaptive-kernel theory of a two-layer network on your own data (docs/theory.md, 'Data-aware adaptive kernel').",
                "--data FILE: CSV or .npy, one row per training point: the input columns, then --outputs target columns.",
                "Prints, per sigma2: the training fit (1 - |y - f|^2/|y|^2), the test fit when --test has targets, with "
                        + "Monte-Carlo errors; --format jsonl --predictions adds the mean predictor on every input."},
        footer = {"", "Example:", "  grokphase theory ak --data train.csv --test test.csv --activation erf --N 100 --sigma-a2 0.05 --sigma2 0.1"})
public final class TheoryAkCommand implements Runnable {

    /** φ. */
    enum Act { erf, square, relu, linear }

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE", required = true,
            description = "Training set: CSV or .npy with n rows of D inputs then K targets.")
    Path data;

    @Option(names = "--test", paramLabel = "FILE",
            description = "Test inputs (D columns) or inputs and targets (D + K columns), CSV or .npy.")
    Path test;

    @Option(names = "--outputs", paramLabel = "K", defaultValue = "1", description = "Target columns at the end of each row. Default: ${DEFAULT-VALUE}.")
    int outputs;

    @Option(names = "--activation", paramLabel = "PHI", defaultValue = "erf", description = "erf | square | relu | linear. Default: ${DEFAULT-VALUE}.")
    Act activation;

    @Option(names = "--N", paramLabel = "WIDTH", defaultValue = "100", description = "Hidden width N (readout prior variance sigma_a^2/N). Default: ${DEFAULT-VALUE}.")
    double width;

    @Option(names = "--sigma-a2", paramLabel = "S", defaultValue = "1", description = "Readout scale sigma_a^2. Default: ${DEFAULT-VALUE}.")
    double sigmaA2;

    @Option(names = "--sigma-w2", paramLabel = "S",
            description = "Input-weight scale: prior variance sigma_w^2/D of each input weight. Default: 1 (variance 1/D).")
    Double sigmaW2;

    @Option(names = "--sigma2", paramLabel = "S|a:b:step", defaultValue = "0.1", description = "Noise sigma^2, or a range. Default: ${DEFAULT-VALUE}.")
    String sigma2;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0", description = "Sampler seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table, csv or jsonl. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Mixin
    DataAwareOptions dataAware;

    @Override
    public void run() {
        Require.positive("--outputs", outputs);
        Require.positive("--N", width);
        Require.positive("--sigma-a2", sigmaA2);
        Range s2 = Range.parse("--sigma2", sigma2);
        for (double v : s2.values()) {
            Require.positive("--sigma2", v);
        }
        DataAwareRows.validate(dataAware);
        NumericTable train = NumericTable.read("--data", data);
        if (train.cols() <= outputs) {
            throw GrokphaseException.invalid("--data", data, train.cols() + " columns, but --outputs " + outputs
                    + " leaves no input columns");
        }
        int dim = train.cols() - outputs;
        double[] x = train.columns(0, dim);
        double[] y = train.columns(dim, train.cols());
        double[] xt = new double[0];
        double[] yt = null;
        int nt = 0;
        if (test != null) {
            NumericTable t = NumericTable.read("--test", test);
            if (t.cols() != dim && t.cols() != dim + outputs) {
                throw GrokphaseException.invalid("--test", test, t.cols() + " columns; allowed: " + dim
                        + " (inputs) or " + (dim + outputs) + " (inputs and targets), as in --data");
            }
            nt = t.rows();
            xt = t.columns(0, dim);
            yt = t.cols() == dim + outputs ? t.columns(dim, t.cols()) : null;
        }
        double varW = (sigmaW2 == null ? 1.0 : Require.positive("--sigma-w2", sigmaW2)) / dim;
        AkSettings settings = dataAware.settings().withSampler(dataAware.settings().sampler().withSeed(seed));
        RowPrinter printer = new RowPrinter(spec.commandLine().getOut(), format);
        double[] start = null;
        for (double v : s2.values()) {
            AkProblem prob = new AkProblem(x, y, train.rows(), dim, outputs, xt, nt,
                    dev.grokphase.net.Activation.valueOf(activation.name().toUpperCase(Locale.ROOT)), varW, sigmaA2, width, v, 0);
            AkSolution sol = new DataAwareSolver(prob, settings).solve(start);
            start = sol.tbar()[0];
            final double[] ytest = yt;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sigma2", v);
            row.put("n", train.rows());
            row.put("D", dim);
            row.put("K", outputs);
            AkSolution.Estimate fit = sol.estimate((ftr, fte, w) -> fit(ftr, y));
            row.put("trainFit", fit.value());
            row.put("trainFitErr", fit.error());
            if (ytest != null) {
                AkSolution.Estimate tf = sol.estimate((ftr, fte, w) -> fit(fte, ytest));
                row.put("testFit", tf.value());
                row.put("testFitErr", tf.error());
            }
            row.put("converged", sol.converged());
            row.put("seconds", Math.round(sol.seconds() * 10) / 10.0);
            if (format == OutputFormat.jsonl) {
                row.put("diagnostics", DataAwareRows.diagnostics(List.of(sol)).get(0));
                if (dataAware.predictions) {
                    row.put("train", sol.fTrain()[0]);
                    row.put("test", sol.fTest()[0]);
                }
            }
            printer.row(row);
        }
        printer.finish();
    }

    /** 1 − |y − f|²/|y|²: the share of the targets' energy the mean predictor explains. */
    static double fit(double[] f, double[] y) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < y.length; i++) {
            num += (y[i] - f[i]) * (y[i] - f[i]);
            den += y[i] * y[i];
        }
        return den == 0 ? Double.NaN : 1 - num / den;
    }
}
