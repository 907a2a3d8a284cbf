package dev.grokphase.theory.modular.gp;

import dev.grokphase.param.Require;

/**
 * The P² two-hot inputs x_nm of modular addition (notes §5.1), indexed i = n·P + m, with the
 * centred targets y_p(x_nm) = δ_{p,(n+m) mod P} − 1/P and the symmetry maps of §5.3.
 */
public record TwoHotTable(int p) {

    public TwoHotTable {
        Require.prime("--P", p);
    }

    public int size() {
        return p * p;
    }

    public int index(int n, int m) {
        return Math.floorMod(n, p) * p + Math.floorMod(m, p);
    }

    public int n(int i) {
        return i / p;
    }

    public int m(int i) {
        return i % p;
    }

    /** The label (n + m) mod P of input i. */
    public int label(int i) {
        return (n(i) + m(i)) % p;
    }

    /** Target of output channel {@code channel} at input i: δ_{channel,(n+m) mod P} − 1/P. */
    public double target(int channel, int i) {
        return (label(i) == channel ? 1.0 : 0.0) - 1.0 / p;
    }

    /** Shift symmetry (n, m) → (n + q, m + q') mod P; the label moves by q + q' (notes §5.3 item 1). */
    public int shift(int i, int q, int qPrime) {
        return index(n(i) + q, m(i) + qPrime);
    }

    /** Multiplication symmetry (n, m) → (qn, qm) mod P, q ≠ 0; the label is multiplied by q (§5.3 item 2). */
    public int multiply(int i, int q) {
        if (Math.floorMod(q, p) == 0) {
            throw new IllegalArgumentException("q must be non-zero mod P: " + q);
        }
        return index((int) ((long) q * n(i) % p), (int) ((long) q * m(i) % p));
    }
}
