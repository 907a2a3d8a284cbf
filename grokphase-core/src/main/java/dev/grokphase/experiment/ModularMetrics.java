package dev.grokphase.experiment;

import dev.grokphase.observe.Discrepancy;
import dev.grokphase.observe.FourierSpectrum;
import dev.grokphase.observe.Losses;
import dev.grokphase.observe.ModeDroplets;
import dev.grokphase.observe.WeightNorms;
import dev.grokphase.store.RunDirectory;
import dev.grokphase.task.Dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Observables of model 2 (the quadratic network on modular addition): loss (the run's loss
 * function) and accuracy on train and test pairs, the measured discrepancy |a| of paper-notes
 * §5.4 over all pairs (train and test together: the full table, on which the theory is written),
 * the mean inverse participation ratio of the neurons' Fourier spectra (§5.9, Gromov's progress
 * measure), weight norms; at the end each neuron's dominant frequency, IPR and folded spectrum.
 *
 * <p>Droplet observables of the modular theory (notes §5.6–§5.7, docs/theory.md "Per-mode
 * integral"), over every neuron i and independent frequency k = 1..(P−1)/2 with
 * Φ = |w_k|², Ψ = |v_k|² of that neuron:
 * <ul>
 *   <li>{@code modeProduct}: the mean of ΦΨ. The theory's ⟨|w_k|²|v_k|²⟩; 4P²σ_a² times it is the
 *       network's own kernel eigenvalue on the target (1/P² under the prior).</li>
 *   <li>{@code dropletFraction}: the share of (neuron, mode) pairs with √(ΦΨ) ≥ 1/√γ, the Φ at which the
 *       non-zero saddle of the per-mode action is born (it lies between the barrier Φ_− and the droplet
 *       minimum Φ_+ at every coupling, as Φ_−Φ_+ = 1/γ); NaN without Γ (γ = 0).</li>
 *   <li>{@code singleFrequencyShare}: the share of neurons whose strongest non-zero frequency holds
 *       more than half of the neuron's Fourier power (Gromov's cosine neurons, §5.9).</li>
 * </ul>
 */
public final class ModularMetrics implements TaskMetrics {

    private final boolean crossEntropy;
    private final double dropletThreshold;

    /** @param crossEntropy report cross-entropy as the loss (else MSE) */
    public ModularMetrics(boolean crossEntropy) {
        this(crossEntropy, 0.0);
    }

    /**
     * @param crossEntropy report cross-entropy as the loss (else MSE)
     * @param gamma        strength of the sextic regulariser Γ; the droplet threshold is √(ΦΨ) ≥ 1/√γ (0: no threshold)
     */
    public ModularMetrics(boolean crossEntropy, double gamma) {
        this.crossEntropy = crossEntropy;
        this.dropletThreshold = gamma > 0 ? 1.0 / Math.sqrt(gamma) : Double.NaN;
    }

    @Override
    public String task() {
        return "modular";
    }

    @Override
    public List<String> names() {
        // dropletFraction needs the cut 1/√γ: only with Γ (a NaN column would read as divergence)
        return Double.isNaN(dropletThreshold)
                ? List.of("trainLoss", "testLoss", "trainAccuracy", "testAccuracy", "discrepancyA", "meanIpr", "weightNormW", "weightNormA",
                        "modeProduct", "singleFrequencyShare")
                : List.of("trainLoss", "testLoss", "trainAccuracy", "testAccuracy", "discrepancyA", "meanIpr", "weightNormW", "weightNormA",
                        "modeProduct", "dropletFraction", "singleFrequencyShare");
    }

    @Override
    public double[] compute(Experiment.Network m) {
        Dataset d = m.data();
        int k = d.outputDim();
        double[] ftr = m.predict(d.xTrain(), d.nTrain());
        double[] fte = d.nTest() > 0 ? m.predict(d.xTest(), d.nTest()) : new double[0];
        double[] fAll = new double[(d.nTrain() + d.nTest()) * k];
        double[] yAll = new double[fAll.length];
        System.arraycopy(ftr, 0, fAll, 0, d.nTrain() * k);
        System.arraycopy(fte, 0, fAll, d.nTrain() * k, d.nTest() * k);
        System.arraycopy(d.yTrain(), 0, yAll, 0, d.nTrain() * k);
        System.arraycopy(d.yTest(), 0, yAll, d.nTrain() * k, d.nTest() * k);
        double[] w = m.snapshotW();
        FourierSpectrum fs = new FourierSpectrum(d.modulus());
        int neurons = w.length / d.inputDim();
        double ipr = 0;
        for (int i = 0; i < neurons; i++) {
            ipr += fs.neuron(w, i).ipr();
        }
        ModeDroplets md = ModeDroplets.of(w, d.modulus(), dropletThreshold);
        double[] base = {
                loss(ftr, d.yTrain(), d.nTrain(), k), d.nTest() > 0 ? loss(fte, d.yTest(), d.nTest(), k) : Double.NaN,
                Losses.accuracy(ftr, d.yTrain(), d.nTrain(), k), d.nTest() > 0 ? Losses.accuracy(fte, d.yTest(), d.nTest(), k) : Double.NaN,
                Math.abs(Discrepancy.a(fAll, yAll, d.nTrain() + d.nTest(), k)), ipr / neurons,
                WeightNorms.frobenius(w), WeightNorms.frobenius(m.snapshotA()),
                md.modeProduct(), md.dropletFraction(), md.singleFrequencyShare()};
        if (Double.isNaN(dropletThreshold)) {
            // no dropletFraction column (see names())
            double[] out = new double[base.length - 1];
            System.arraycopy(base, 0, out, 0, out.length - 1);
            out[out.length - 1] = base[base.length - 1];
            return out;
        }
        return base;
    }

    private double loss(double[] f, double[] y, int n, int k) {
        return crossEntropy ? Losses.crossEntropy(f, y, n, k) : Losses.mse(f, y, n, k);
    }

    @Override
    public Map<String, String> summaryKeys() {
        Map<String, String> k = new LinkedHashMap<>();
        for (String s : names()) {
            k.put(s, s);
        }
        return k;
    }

    @Override
    public List<String> equilibrationColumns() {
        return List.of("discrepancyA", "trainLoss", "testLoss", "modeProduct");
    }

    @Override
    public void writeObservables(RunDirectory dir, List<Experiment.Network> networks) {
        StringBuilder four = new StringBuilder("network,neuron,dominantFrequency,ipr\n");
        StringBuilder spec = new StringBuilder("network,neuron,k,powerW,powerV\n");
        for (Experiment.Network n : networks) {
            double[] w = n.snapshotW();
            FourierSpectrum fs = new FourierSpectrum(n.data().modulus());
            int neurons = w.length / n.data().inputDim();
            for (int i = 0; i < neurons; i++) {
                FourierSpectrum.NeuronSpectrum s = fs.neuron(w, i);
                four.append(n.index()).append(',').append(i).append(',').append(s.dominantFrequency()).append(',').append(s.ipr()).append('\n');
                for (int k = 0; k < s.powerW().length; k++) {
                    spec.append(n.index()).append(',').append(i).append(',').append(k).append(',')
                            .append(s.powerW()[k]).append(',').append(s.powerV()[k]).append('\n');
                }
            }
        }
        dir.writeObservable("fourier.csv", four.toString());
        dir.writeObservable("spectrum.csv", spec.toString());
    }
}
