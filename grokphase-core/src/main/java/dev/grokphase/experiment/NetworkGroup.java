package dev.grokphase.experiment;

import java.util.Map;

/**
 * Networks that are trained together, as the experiment loop sees them: usually the networks of
 * one dataset sharing one {@link dev.grokphase.train.Trainer} (one stacked matrix product for the
 * group). Advance, predict, snapshot, and save/restore a state that makes a resume bit-identical.
 */
public interface NetworkGroup {

    /** Number of networks in the group. */
    int size();

    /** Trains every network {@code steps} more steps. Splitting a run into several calls must not change any number. */
    void advance(long steps);

    /** Outputs of network {@code member} on {@code n} inputs {@code x} (n×D): n×K row-major doubles. */
    double[] predict(int member, double[] x, int n);

    /** Input weights of network {@code member}, N×D row-major, a fresh double copy. */
    double[] snapshotW(int member);

    /** Readout weights of network {@code member}, K×N row-major, a fresh double copy. */
    double[] snapshotA(int member);

    /** Named arrays (double[], float[], long[], int[]) from which {@link #restoreState} continues exactly. */
    Map<String, Object> saveState();

    void restoreState(Map<String, Object> state);

    /**
     * Per-network sampler diagnostics logged beside the task's metrics (e.g. MALA's "acceptance"
     * and "stepScale", replica exchange's "swapAcceptance0to1"); none for plain Langevin and the
     * optimisers.
     */
    default java.util.List<String> samplerColumns() {
        return java.util.List.of();
    }

    /** The values of {@link #samplerColumns()} for network {@code member} now (finite numbers). */
    default double[] samplerValues(int member) {
        return new double[0];
    }

    /** Sampler details for observables/sampler.json (ladder, every replica's acceptance); empty by default. */
    default Map<String, Object> samplerDetails() {
        return Map.of();
    }
}
