package dev.grokphase.train;

import dev.grokphase.net.SexticPenalty;

/**
 * The sextic regulariser Γ of notes §5.6 on every hidden neuron of the stacked networks: adds ∂Γ/∂w
 * to the gradient and returns Γ per network. Rows are worked on in float64 scratch (exact copies in
 * float64; in float32 the float64 gradient is rounded once when it is added), so both precisions
 * share this one class. Neurons are independent, so blocks of rows run on all workers; Γ per row is
 * summed per network in row order.
 */
final class SexticRegulariser<A> {

    /** Neurons per task. */
    private static final int ROWS_PER_TASK = 16;

    private final Kernels<A> k;
    private final Workers workers;
    private final Workers.Task rowsTask = this::rows;
    private final double gamma;
    private final int dim;
    private final int p;
    private final double[] cosTable;
    private final double[] sinTable;
    /** Per-worker scratch. */
    private final double[][] csScratch;
    private final double[][] row;
    private final double[][] grad;
    private final A[] gradRounded;
    private double[] rowEnergy = new double[0];
    // arguments of the current call, for the tasks
    private A w;
    private A gw;
    private int rows;

    @SuppressWarnings("unchecked")
    SexticRegulariser(Kernels<A> k, Workers workers, double gamma, int dim) {
        this.k = k;
        this.workers = workers;
        this.gamma = gamma;
        this.dim = dim;
        this.p = dim / 2;
        double[][] t = SexticPenalty.fourierTables(p);
        this.cosTable = t[0];
        this.sinTable = t[1];
        int threads = workers.threads();
        this.csScratch = new double[threads][dim];
        this.row = new double[threads][dim];
        this.grad = new double[threads][dim];
        this.gradRounded = (A[]) new Object[threads];
        for (int i = 0; i < threads; i++) {
            gradRounded[i] = k.newArray(dim);
        }
    }

    /**
     * gw += ∂Γ/∂w for the {@code rows} neurons of w (rows×D); energy[m] = Γ of network m, with
     * {@code width} neurons per network.
     */
    void addGradient(A w, A gw, int rows, int width, double[] energy) {
        if (rowEnergy.length != rows) {
            rowEnergy = new double[rows]; // sized once: the engine always passes the same count
        }
        this.w = w;
        this.gw = gw;
        this.rows = rows;
        workers.run((rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK, rowsTask);
        this.w = null;
        this.gw = null;
        java.util.Arrays.fill(energy, 0.0);
        for (int r = 0; r < rows; r++) {
            energy[r / width] += rowEnergy[r];
        }
    }

    private void rows(int task, int worker) {
        double[] x = row[worker];
        double[] g = grad[worker];
        A rounded = gradRounded[worker];
        for (int r = task * ROWS_PER_TASK, end = Math.min(rows, r + ROWS_PER_TASK); r < end; r++) {
            int off = r * dim;
            for (int j = 0; j < dim; j++) {
                x[j] = k.get(w, off + j);
            }
            java.util.Arrays.fill(g, 0.0);
            rowEnergy[r] = SexticPenalty.addGradient(x, 0, g, 0, p, gamma, 1.0, cosTable, sinTable, csScratch[worker]);
            k.copyFromDoubles(g, 0, rounded, 0, dim);
            k.add(gw, off, rounded, 0, dim);
        }
    }
}
