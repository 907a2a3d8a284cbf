package dev.grokphase.app.report;

import dev.grokphase.io.AtomicFiles;
import dev.grokphase.sweep.RunDescription;
import dev.grokphase.sweep.RunHandler;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Test stand-in for the theory commands and the training run layer: writes run directories in
 * the contract's format, with numbers from simple closed forms (a smooth step in σ² at 0.18 for
 * the cubic component, a parabola for −log p, exponential loss decay), so that figures have
 * known content. The run whose σ² is 0.25 reports "not equilibrated".
 */
final class FakeRuns implements RunHandler {

    @Override
    public boolean supports(String command) {
        return true;
    }

    @Override
    public void execute(RunDescription run, Path dir, boolean resume) {
        double eps = -0.3;
        StringBuilder sb = new StringBuilder();
        if (run.command().equals("theory cubic")) {
            sb.append("sigma2,b,c,phase\n");
            for (int i = 0; i <= 40; i++) {
                double s = 0.08 + 0.006 * i;
                double learned = s < 0.18 ? (0.18 - s) / 0.1 : 0;
                sb.append(String.format(Locale.ROOT, "%.4f,%.5f,%.5f,%s%n", s, 0.3 + 0.5 * s, eps * (1 - Math.min(1, learned)),
                        s < 0.18 ? "GMFL-I" : "GFL"));
            }
            AtomicFiles.writeString(dir.resolve("theory.csv"), sb.toString());
        } else if (run.command().equals("theory modular")) {
            sb.append("sigma2,a,learned,phase\n");
            for (int i = 0; i <= 40; i++) {
                double s = 0.12 + 0.0035 * i;
                double a = s > 0.227 ? 1 : s > 0.175 ? s / 0.227 : 0.7 * s / 0.175;
                sb.append(String.format(Locale.ROOT, "%.4f,%.5f,%.5f,%s%n", s, a, 1 - a,
                        s > 0.227 ? "GFL" : s > 0.175 ? "GMFL-I" : "GMFL-II"));
            }
            AtomicFiles.writeString(dir.resolve("theory.csv"), sb.toString());
        } else {
            double s2 = ((Number) run.config().get("sigma2")).doubleValue();
            double cubic = s2 < 0.18 ? eps * (0.18 - s2) / 0.1 : 0.0;
            AtomicFiles.writeString(dir.resolve("summary.json"), String.format(Locale.ROOT,
                    "{\"status\":\"completed\",\"networks\":4,\"cubicProjection\":%f,\"linearProjection\":%f,"
                            + "\"discrepancyA\":%f,\"trainLoss\":0.1,\"testLoss\":0.2,\"std\":{\"cubicProjection\":0.02,"
                            + "\"linearProjection\":0.01,\"discrepancyA\":0.01}}", cubic, 0.7 - s2, Math.min(1, s2 * 4)));
            StringBuilder m = new StringBuilder("step,network,dataset,seed,trainLoss,testLoss,trainLinear,trainCubic,testLinear,testCubic,trainAccuracy,testAccuracy\n");
            for (int step : new int[]{0, 10, 100, 1000, 10000}) {
                for (int net = 0; net < 2; net++) {
                    double decay = Math.exp(-step / 2000.0);
                    m.append(String.format(Locale.ROOT, "%d,%d,0,%d,%f,%f,%f,%f,%f,%f,%f,%f%n", step, net, net, decay + 0.01,
                            decay + 0.05, 1 - decay, eps * (1 - decay), 0.9 - 0.9 * decay, eps * (1 - decay) * 0.8, 1 - decay, 1 - Math.sqrt(decay)));
                }
            }
            AtomicFiles.writeString(dir.resolve("metrics.csv"), m.toString());
            StringBuilder h = new StringBuilder("centre,density,negLogP,error,negLogPError\n");
            for (int i = -10; i <= 10; i++) {
                double q = i / 10.0;
                h.append(String.format(Locale.ROOT, "%f,%f,%f,%f,%f%n", q, Math.exp(-8 * q * q), 8 * q * q, 0.01, 0.1));
            }
            AtomicFiles.writeString(dir.resolve("observables/overlap-histogram.csv"), h.toString());
            boolean eq = Math.abs(s2 - 0.25) > 1e-9;
            AtomicFiles.writeString(dir.resolve("observables/equilibration.json"), "{\"window\":{\"fromStep\":5000,\"toStep\":10000},"
                    + "\"testCubic\":{\"samples\":20,\"firstHalfMean\":-0.1,\"secondHalfMean\":-0.12,\"differenceInStandardErrors\":"
                    + (eq ? "0.8" : "5.2") + ",\"autocorrelationTime\":1.5,\"effectiveSamples\":13,\"equilibrated\":" + eq + "},"
                    // A flat series: older runs wrote τ = 1e-12 and 6e12 "effective samples"; newer ones null.
                    + "\"trainLoss\":{\"samples\":6,\"firstHalfMean\":0.1,\"secondHalfMean\":0.1,\"differenceInStandardErrors\":"
                    + (s2 < 0.12 ? "-616426.15,\"autocorrelationTime\":1.0E-12,\"effectiveSamples\":6.0E12" : s2 < 0.17
                    ? "null,\"autocorrelationTime\":null,\"effectiveSamples\":null" : "0.1,\"autocorrelationTime\":1.2,\"effectiveSamples\":5")
                    + ",\"equilibrated\":true}}");
            AtomicFiles.writeString(dir.resolve("observables/fourier.csv"),
                    "network,neuron,dominantFrequency,ipr\n0,0,3,0.9\n0,1,5,0.8\n0,2,3,0.95\n");
        }
        AtomicFiles.writeString(dir.resolve("manifest.json"), "{\"command\":\"" + run.command() + "\",\"status\":\"completed\",\"wallSeconds\":1.5}");
    }

    static final String SPEC = """
            id: fake
            title: "A fake experiment with every figure kind"
            paper: "test"
            description: "Closed-form stand-ins for theory and training."
            theory:
              - id: cubic
                command: theory cubic
                config: {eps: -0.3}
                points: [{_beta: 0.125, N: 88}, {_beta: 0.5, N: 350}]
              - id: modular
                command: theory modular
                config: {P: 401}
            training:
              - id: langevin
                command: train cubic
                config: {eps: -0.3, sampler: langevin, steps: 10000}
                points: [{_beta: 0.125, N: 88}, {_beta: 0.5, N: 350}]
                grid: {sigma2: [0.1, 0.15, 0.2, 0.25]}
            figures:
              - {id: f-cubic, kind: cubic-component-vs-sigma2, title: "cubic", params: {theory: cubic, training: langevin}}
              - {id: f-linear, kind: cubic-component-vs-sigma2, title: "linear", params: {theory: cubic, training: langevin, component: linear}}
              - {id: f-overlap, kind: overlap-log-density, title: "overlap", params: {training: langevin, sigma2: 0.15}}
              - {id: f-modular, kind: modular-target-component, title: "modular", params: {theory: modular, training: langevin}}
              - {id: f-loss, kind: loss-vs-steps, title: "loss", params: {training: langevin, groupBy: beta}}
              - {id: f-proj, kind: projections-vs-steps, title: "proj", params: {training: langevin, groupBy: beta}}
              - {id: f-acc, kind: accuracy-vs-steps, title: "acc", params: {training: langevin}}
              - {id: f-fourier, kind: fourier-spectrum, title: "fourier", params: {training: langevin}}
              - {id: f-unknown, kind: no-such-kind, title: "unknown kind still renders"}
            """;
}
