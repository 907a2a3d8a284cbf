package dev.grokphase.experiment;

import java.util.Map;

/**
 * One network under training, as the experiment loop sees it: advance, predict, snapshot, and
 * save/restore a state that makes a resume bit-identical (parameters, optimiser moments, RNG,
 * step counter). Implementations adapt the training engine's trainers.
 */
public interface Member {

    /** Trains {@code steps} more steps. Splitting a run into several calls must not change any number. */
    void advance(long steps);

    /** Outputs on {@code n} inputs {@code x} (n×D row-major): n×K, row-major, as doubles. */
    double[] predict(double[] x, int n);

    /** Input weights, N×D row-major, a fresh double copy. */
    double[] snapshotW();

    /** Readout weights, K×N row-major, a fresh double copy. */
    double[] snapshotA();

    /** Named arrays (double[], float[], long[], int[]) from which {@link #restoreState} continues exactly. */
    Map<String, Object> saveState();

    void restoreState(Map<String, Object> state);
}
