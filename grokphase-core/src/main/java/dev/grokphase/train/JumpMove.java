package dev.grokphase.train;

import dev.grokphase.linalg.Blas;
import dev.grokphase.task.Dataset;

import java.util.Map;

/**
 * A sweep of exact one-neuron Metropolis–Hastings moves that {@link Engine} runs between steps
 * ({@link DropletJumpConfig}); {@link DropletJumpConfig#kind()} picks the class. Each keeps its
 * proposal and acceptance counters per stacked network and checkpoints them as "jump.counts".
 */
interface JumpMove {

    /** The move of {@code config.kind()} on {@code engine}'s networks. */
    static <A> JumpMove create(DropletJumpConfig config, Engine<A> engine, Dataset data, Blas blas) {
        return switch (config.kind()) {
            case SHIFT -> new DropletJump<>(config, engine, data, blas);
            case LAPLACE -> new LaplaceDropletJump<>(config, engine, data, blas);
        };
    }

    /** One sweep over every network. */
    void sweep();

    DropletJumpConfig config();

    /** Accepted fraction of network m's proposals (NaN before the first). */
    double acceptance(int m);

    long attempts(int m);

    void save(Map<String, long[]> longs);

    void restore(TrainerState state);
}
