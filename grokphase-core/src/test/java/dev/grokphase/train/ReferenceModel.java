package dev.grokphase.train;

import dev.grokphase.net.Activation;
import dev.grokphase.net.NetworkSpec;
import org.hipparchus.special.Erf;

/**
 * The energy of one network written the plain way, for contract tests: explicit loops, Math-level
 * functions (Hipparchus erf), central finite differences for the gradient. Deliberately shares no
 * code with the trainer.
 */
final class ReferenceModel {

    private ReferenceModel() {
    }

    static double phi(Activation act, double z) {
        return switch (act) {
            case ERF -> Erf.erf(z);
            case SQUARE -> z * z;
            case RELU -> Math.max(0, z);
            case LINEAR -> z;
        };
    }

    /** f(x_row) for one network, K outputs. */
    static double[] output(NetworkSpec spec, double[] w, double[] a, double[] x, int row) {
        int n = spec.width();
        int d = spec.inputDim();
        double s = spec.readout() == dev.grokphase.net.Readout.MEAN_FIELD ? spec.outputScale() / n : spec.outputScale();
        double[] f = new double[spec.outputDim()];
        for (int i = 0; i < n; i++) {
            double z = 0;
            for (int j = 0; j < d; j++) {
                z += w[i * d + j] * x[row * d + j];
            }
            double h = phi(spec.activation(), z);
            for (int p = 0; p < spec.outputDim(); p++) {
                f[p] += s * a[p * n + i] * h;
            }
        }
        return f;
    }

    static double sampleLoss(Loss loss, double[] f, double[] y, int row) {
        int k = f.length;
        if (loss == Loss.MSE) {
            double l = 0;
            for (int p = 0; p < k; p++) {
                double e = f[p] - y[row * k + p];
                l += 0.5 * e * e;
            }
            return l;
        }
        double z = 0;
        for (double v : f) {
            z += Math.exp(v);
        }
        double l = 0;
        for (int p = 0; p < k; p++) {
            l -= y[row * k + p] * (f[p] - Math.log(z));
        }
        return l;
    }

    /** Γ = (Pγ/6) Σ_i Σ_k (|w_k|⁶ + |v_k|⁶), w_k = (1/P) Σ_n w_n e^{2πikn/P} (notes §5.6). */
    static double sextic(double[] w, int width, int p, double gamma) {
        double total = 0;
        for (int i = 0; i < width; i++) {
            for (int half = 0; half < 2; half++) {
                for (int k = 0; k < p; k++) {
                    double re = 0;
                    double im = 0;
                    for (int n = 0; n < p; n++) {
                        double v = w[i * 2 * p + half * p + n];
                        re += v * Math.cos(2 * Math.PI * k * n / p) / p;
                        im += v * Math.sin(2 * Math.PI * k * n / p) / p;
                    }
                    double m2 = re * re + im * im;
                    total += m2 * m2 * m2;
                }
            }
        }
        return p * gamma / 6 * total;
    }

    /** The energy the trainer descends: dataScale·Σ_batch ℓ + (Langevin) prior + Γ. */
    static double energy(TrainingConfig cfg, double[] w, double[] a, double[] x, double[] y, int[] rows, int nTrain) {
        NetworkSpec spec = cfg.network();
        double u = 0;
        for (int r : rows) {
            u += sampleLoss(cfg.loss(), output(spec, w, a, x, r), y, r);
        }
        if (cfg.optimizer() instanceof LangevinConfig l) {
            u *= ((double) nTrain / rows.length) / l.temperature();
            double sw = 0;
            for (double v : w) {
                sw += v * v;
            }
            double sa = 0;
            for (double v : a) {
                sa += v * v;
            }
            u += sw / (2 * cfg.prior().varW()) + sa / (2 * cfg.prior().varA());
            if (l.sexticGamma() > 0) {
                u += sextic(w, spec.width(), spec.inputDim() / 2, l.sexticGamma());
            }
        } else {
            u /= rows.length;
        }
        return u;
    }

    /** Central differences of {@link #energy} with respect to every entry of w, then of a. */
    static double[][] gradient(TrainingConfig cfg, double[] w, double[] a, double[] x, double[] y, int[] rows,
                               int nTrain, double h) {
        double[] gw = new double[w.length];
        double[] ga = new double[a.length];
        for (int j = 0; j < w.length; j++) {
            double keep = w[j];
            w[j] = keep + h;
            double up = energy(cfg, w, a, x, y, rows, nTrain);
            w[j] = keep - h;
            double down = energy(cfg, w, a, x, y, rows, nTrain);
            w[j] = keep;
            gw[j] = (up - down) / (2 * h);
        }
        for (int j = 0; j < a.length; j++) {
            double keep = a[j];
            a[j] = keep + h;
            double up = energy(cfg, w, a, x, y, rows, nTrain);
            a[j] = keep - h;
            double down = energy(cfg, w, a, x, y, rows, nTrain);
            a[j] = keep;
            ga[j] = (up - down) / (2 * h);
        }
        return new double[][] {gw, ga};
    }
}
