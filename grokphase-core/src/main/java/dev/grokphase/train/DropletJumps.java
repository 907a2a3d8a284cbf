package dev.grokphase.train;

/**
 * The droplet-jump sweeps of a {@link Trainer} run with {@link DropletJumpConfig} on
 * ({@link Trainer#jumps()}): per stacked network ("member"), how many neuron proposals were made
 * and which fraction was accepted. Counters belong to the member slot (with replica exchange they
 * stay with the temperature, as MALA's do).
 */
public interface DropletJumps {

    /** Accepted fraction of member m's jump proposals since the start (NaN before the first sweep). */
    double acceptance(int member);

    /** Jump proposals of member m so far (N per sweep). */
    long attempts(int member);

    DropletJumpConfig config();
}
