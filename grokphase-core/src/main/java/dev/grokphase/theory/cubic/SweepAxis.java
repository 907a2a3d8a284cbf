package dev.grokphase.theory.cubic;

/** The parameter a sweep or a transition search moves: σ², n or N (the paper's three drivers, notes §3.8). */
public enum SweepAxis {
    SIGMA2("sigma2", "--sigma2"), N_SAMPLES("n", "--n"), WIDTH("N", "--N");

    private final String key;
    private final String option;

    SweepAxis(String key, String option) {
        this.key = key;
        this.option = option;
    }

    /** The key used in output (jsonl/csv columns): sigma2, n, N. */
    public String key() {
        return key;
    }

    /** The command-line option. */
    public String option() {
        return option;
    }

    public double get(CubicParams p) {
        return switch (this) {
            case SIGMA2 -> p.sigma2();
            case N_SAMPLES -> p.n();
            case WIDTH -> p.N();
        };
    }

    public CubicParams with(CubicParams p, double v) {
        return switch (this) {
            case SIGMA2 -> p.withSigma2(v);
            case N_SAMPLES -> p.withN(v);
            case WIDTH -> p.withWidth(v);
        };
    }
}
