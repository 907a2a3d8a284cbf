package dev.grokphase.observe;

/**
 * Per-neuron Fourier spectrum of the input weights of the modular-addition network, paper-notes
 * §5.6: a neuron's 2P input weights split into w_n (coefficient of input n) and v_m (of input
 * P + m), with w_k = (1/P) Σ_n w_n e^{2πikn/P} so that w_n = Σ_k w_k e^{−2πikn/P}.
 *
 * <p>Real weights have |w_{P−k}| = |w_k|, so the spectrum is folded onto k = 0..(P−1)/2:
 * s_0 = |w_0|² + |v_0|², s_k = 2(|w_k|² + |v_k|²). Parseval: Σ_k s_k = (|w|² + |v|²)/P.
 * A grokked neuron is a pair of cosines of one frequency (Gromov's solution, §5.9), all its power
 * in one s_k. The inverse participation ratio IPR = Σ_k s_k² / (Σ_k s_k)² is 1 for that neuron
 * and about 1/(number of occupied frequencies) for a spread one (Gromov's progress measure, §5.9).
 */
public final class FourierSpectrum {

    private final int p;
    private final double[] cos;
    private final double[] sin;

    /** Precomputes the twiddle factors of modulus {@code p}. */
    public FourierSpectrum(int p) {
        this.p = p;
        this.cos = new double[p];
        this.sin = new double[p];
        for (int j = 0; j < p; j++) {
            double t = 2 * Math.PI * j / p;
            cos[j] = Math.cos(t);
            sin[j] = Math.sin(t);
        }
    }

    /** Number of folded frequencies, (P−1)/2 + 1 for odd P. */
    public int frequencies() {
        return p / 2 + 1;
    }

    /** One neuron's folded power, separately for the two halves. */
    public record NeuronSpectrum(double[] powerW, double[] powerV, int dominantFrequency, double ipr) {
        /** s_k = powerW[k] + powerV[k]. */
        public double total(int k) {
            return powerW[k] + powerV[k];
        }
    }

    /** The spectrum of neuron {@code i} of {@code w} (rows of length 2P). */
    public NeuronSpectrum neuron(double[] w, int i) {
        int off = i * 2 * p;
        double[] pw = folded(w, off);
        double[] pv = folded(w, off + p);
        double sum = 0;
        double sumSq = 0;
        int best = 0;
        double bestPower = -1;
        for (int k = 0; k < pw.length; k++) {
            double s = pw[k] + pv[k];
            sum += s;
            sumSq += s * s;
            if (s > bestPower) {
                bestPower = s;
                best = k;
            }
        }
        double ipr = sum > 0 ? sumSq / (sum * sum) : Double.NaN;
        return new NeuronSpectrum(pw, pv, best, ipr);
    }

    private double[] folded(double[] w, int off) {
        int kMax = p / 2;
        double[] out = new double[kMax + 1];
        for (int k = 0; k <= kMax; k++) {
            double re = 0;
            double im = 0;
            int phase = 0;
            for (int n = 0; n < p; n++) {
                re += w[off + n] * cos[phase];
                im += w[off + n] * sin[phase];
                phase += k;
                if (phase >= p) {
                    phase -= p;
                }
            }
            double power = (re * re + im * im) / ((double) p * p);
            // k and P−k carry the same power for real weights; an even P's Nyquist bin has no twin.
            out[k] = (k == 0 || 2 * k == p) ? power : 2 * power;
        }
        return out;
    }
}
