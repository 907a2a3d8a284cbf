package dev.grokphase.sampling;

import dev.grokphase.random.RandomStream;

import java.util.Arrays;

/**
 * The replica-exchange swap move on a {@link TemperatureLadder}. Replica k holds a state θ_k that
 * samples exp(−β_k U); the joint law Π_k exp(−β_k U(θ_k)) is left invariant by exchanging the
 * states of neighbours k, k+1 with probability
 *
 * <pre>  min(1, exp((β_k − β_{k+1}) (U(θ_k) − U(θ_{k+1}))))</pre>
 *
 * (the ratio of the joint density after and before the exchange). Rounds alternate between the
 * even pairs (0,1), (2,3), … and the odd pairs (1,2), (3,4), … — each round's swaps touch disjoint
 * pairs, each swap satisfies detailed balance, so the composition keeps the joint law (the
 * deterministic even/odd scheme of Okabe et al. 2001, which moves states along the ladder faster
 * than picking a random pair).
 *
 * <p>States are exchanged by content (the caller's {@link Swapper} moves the parameters and any
 * cached energy/gradient between replica slots), so slot 0 always holds the β = 1 state: the one to
 * record. One uniform is drawn per attempted pair, accepted or not, so the random stream advances
 * by a fixed amount per round. Not thread-safe; the caller runs the replicas between rounds in any
 * order or in parallel.
 */
public final class ReplicaExchange {

    /** Moves the complete state (parameters and cached energy/gradient) of slot i to slot j and back. */
    @FunctionalInterface
    public interface Swapper {
        void swap(int i, int j);
    }

    private final TemperatureLadder ladder;
    private final RandomStream rng;
    private final long[] attempts;
    private final long[] accepted;
    private long rounds;

    public ReplicaExchange(TemperatureLadder ladder, RandomStream rng) {
        this.ladder = ladder;
        this.rng = rng;
        int pairs = Math.max(0, ladder.size() - 1);
        this.attempts = new long[pairs];
        this.accepted = new long[pairs];
    }

    public TemperatureLadder ladder() {
        return ladder;
    }

    /**
     * One round of swaps. {@code energies[k]} is U(θ_k) of the state in slot k (untempered: the
     * same energy function for every slot); it is permuted together with the states, so after the
     * call it still describes the slots.
     */
    public void round(double[] energies, Swapper swapper) {
        int r = ladder.size();
        if (energies.length != r) {
            throw new IllegalArgumentException("need " + r + " energies, got " + energies.length);
        }
        int first = (int) (rounds & 1);
        rounds++;
        for (int k = first; k + 1 < r; k += 2) {
            double logRatio = (ladder.beta(k) - ladder.beta(k + 1)) * (energies[k] - energies[k + 1]);
            double u = rng.nextDouble();
            attempts[k]++;
            // NaN energies (a diverged replica) never swap
            if (logRatio >= 0 || u < Math.exp(logRatio)) {
                accepted[k]++;
                double t = energies[k];
                energies[k] = energies[k + 1];
                energies[k + 1] = t;
                swapper.swap(k, k + 1);
            }
        }
    }

    /** Rounds done. */
    public long rounds() {
        return rounds;
    }

    /** Swap attempts on pair (k, k+1). */
    public long attempts(int pair) {
        return attempts[pair];
    }

    /** Fraction of accepted swaps on pair (k, k+1), NaN before the first attempt. */
    public double acceptance(int pair) {
        return attempts[pair] == 0 ? Double.NaN : (double) accepted[pair] / attempts[pair];
    }

    /** Acceptance of every pair, in ladder order. */
    public double[] acceptances() {
        double[] a = new double[attempts.length];
        for (int k = 0; k < a.length; k++) {
            a[k] = acceptance(k);
        }
        return a;
    }

    /** Everything needed to continue bit-identically: rounds, counters and the RNG words. */
    public long[] state() {
        int p = attempts.length;
        long[] s = new long[5 + 2 * p];
        s[0] = rounds;
        rng.state(s, 1);
        System.arraycopy(attempts, 0, s, 5, p);
        System.arraycopy(accepted, 0, s, 5 + p, p);
        return s;
    }

    public void setState(long[] s) {
        int p = attempts.length;
        if (s.length != 5 + 2 * p) {
            throw new IllegalArgumentException("replica-exchange state of length " + s.length + " for "
                    + ladder.size() + " replicas: " + Arrays.toString(s));
        }
        rounds = s[0];
        rng.setState(s, 1);
        System.arraycopy(s, 5, attempts, 0, p);
        System.arraycopy(s, 5 + p, accepted, 0, p);
    }
}
