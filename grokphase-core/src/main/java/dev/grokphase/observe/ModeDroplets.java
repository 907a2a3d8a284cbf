package dev.grokphase.observe;

/**
 * Droplet observables of the modular network (notes §5.6–§5.7, §5.9; docs/theory.md "Per-mode
 * integral"), over every neuron i and independent frequency k = 1..(P−1)/2, with Φ = |w_k|²,
 * Ψ = |v_k|² of that neuron (w_k = (1/P) Σ_n w_n e^{2πikn/P}, as in {@link FourierSpectrum}).
 *
 * @param modeProduct          mean of ΦΨ: the theory's ⟨|w_k|²|v_k|²⟩ (1/P² under the prior); 4P²σ_a² times
 *                             it is the network's own kernel eigenvalue on the target
 * @param dropletFraction      share of (neuron, mode) pairs with √(ΦΨ) ≥ threshold (NaN without a threshold)
 * @param singleFrequencyShare share of neurons whose strongest non-zero frequency holds more than half of the
 *                             neuron's Fourier power (Gromov's cosine neurons, §5.9)
 */
public record ModeDroplets(double modeProduct, double dropletFraction, double singleFrequencyShare) {

    /**
     * @param w         input weights, rows of length 2P (w_n then v_m)
     * @param p         the odd prime P
     * @param threshold droplet cut on √(ΦΨ) (1/√γ in the theory), NaN for none
     */
    public static ModeDroplets of(double[] w, int p, double threshold) {
        FourierSpectrum fs = new FourierSpectrum(p);
        int neurons = w.length / (2 * p);
        int kMax = (p - 1) / 2;
        double product = 0;
        int droplets = 0;
        int single = 0;
        for (int i = 0; i < neurons; i++) {
            FourierSpectrum.NeuronSpectrum s = fs.neuron(w, i);
            double total = 0;
            double best = 0;
            for (int q = 0; q < s.powerW().length; q++) {
                total += s.total(q);
                if (q >= 1) {
                    best = Math.max(best, s.total(q));
                    // folded powers are 2|w_q|², 2|v_q|² for q ≥ 1
                    double phiPsi = s.powerW()[q] * s.powerV()[q] / 4.0;
                    product += phiPsi;
                    if (Math.sqrt(phiPsi) >= threshold) {
                        droplets++;
                    }
                }
            }
            if (best > 0.5 * total) {
                single++;
            }
        }
        double pairs = (double) neurons * kMax;
        return new ModeDroplets(product / pairs, Double.isNaN(threshold) ? Double.NaN : droplets / pairs, (double) single / neurons);
    }
}
