package dev.grokphase.train;

/**
 * The sextic regulariser Γ of notes §5.6 on every hidden neuron of the stacked networks: adds ∂Γ/∂w
 * to the gradient and returns Γ per network. Rows are worked on in float64 scratch (exact copies in
 * float64; in float32 the float64 gradient is rounded once when it is added), so both precisions
 * share this one class.
 */
final class SexticRegulariser<A> {

    private final Kernels<A> k;
    private final double gamma;
    private final int dim;
    private final int p;
    private final double[] cosTable;
    private final double[] sinTable;
    private final double[] csScratch;
    private final double[] row;
    private final double[] grad;
    private final A gradRounded;

    SexticRegulariser(Kernels<A> k, double gamma, int dim) {
        this.k = k;
        this.gamma = gamma;
        this.dim = dim;
        this.p = dim / 2;
        double[][] t = Trainer.fourierTables(p);
        this.cosTable = t[0];
        this.sinTable = t[1];
        this.csScratch = new double[dim];
        this.row = new double[dim];
        this.grad = new double[dim];
        this.gradRounded = k.newArray(dim);
    }

    /**
     * gw += ∂Γ/∂w for the {@code rows} neurons of w (rows×D); energy[m] = Γ of network m, with
     * {@code width} neurons per network.
     */
    void addGradient(A w, A gw, int rows, int width, double[] energy) {
        java.util.Arrays.fill(energy, 0.0);
        for (int r = 0; r < rows; r++) {
            int off = r * dim;
            for (int j = 0; j < dim; j++) {
                row[j] = k.get(w, off + j);
            }
            java.util.Arrays.fill(grad, 0.0);
            energy[r / width] += Trainer.addSexticGradient(row, 0, grad, 0, p, gamma, cosTable, sinTable, csScratch);
            k.copyFromDoubles(grad, 0, gradRounded, 0, dim);
            k.add(gw, off, gradRounded, 0, dim);
        }
    }
}
