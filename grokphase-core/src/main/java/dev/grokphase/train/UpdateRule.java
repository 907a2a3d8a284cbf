package dev.grokphase.train;

import java.util.Map;

/**
 * How the parameters of the stacked networks move in one step: Langevin ({@link LangevinRule}),
 * SGD ({@link SgdRule}), AdamW ({@link AdamWRule}) and Metropolis-adjusted Langevin
 * ({@link MalaRule}); replica exchange drives MALA rules from above ({@link ReplicaExchangeTrainer}). A rule drives its step through the {@link Engine}: {@link Engine#evaluate()}
 * computes the loss and the gradient of the data term (plus Γ) at the current parameters, as often
 * as the rule needs (a Metropolis step evaluates its proposal); {@link Engine#energy(int)} gives
 * U of each network at the last evaluation; the parameter, gradient and noise arrays and
 * {@link Kernels} for the loops are the engine's. Rules own any state of their own (moments,
 * step-size adaptation) and put it in checkpoints through {@link #save} and {@link #restore}.
 *
 * <p>Allocation: a rule sizes its buffers in its constructor; {@link #step} allocates nothing.
 *
 * @param <A> the engine's array type (double[] or float[])
 */
interface UpdateRule<A> {

    /** One step of every network of the group (the engine counts steps after it returns). */
    void step(Engine<A> engine);

    /** The rule's kind in the checkpoint's shape record (0 Langevin, 1 SGD, 2 AdamW, 3 MALA, new rules 4, …). */
    long checkpointKind();

    /**
     * The parameters were changed by a move outside the rule (a {@link DropletJump} sweep between
     * steps): anything the rule cached about the current state (MALA's energy and gradient) is stale.
     */
    default void parametersChanged() {
    }

    /** Adds the rule's own state (arrays of the engine's precision go through {@link Kernels#save}). */
    default void save(Engine<A> engine, Map<String, double[]> doubles, Map<String, float[]> floats,
                      Map<String, long[]> longs) {
    }

    /** Restores what {@link #save} wrote. */
    default void restore(Engine<A> engine, TrainerState state) {
    }

    /** The rule for a configuration: one case per {@link OptimizerConfig}. */
    static <A> UpdateRule<A> of(OptimizerConfig config, Engine<A> engine) {
        if (config instanceof LangevinConfig l) {
            return new LangevinRule<>(l, engine);
        } else if (config instanceof MalaConfig mc) {
            return new MalaRule<>(mc, engine);
        } else if (config instanceof SgdConfig s) {
            return new SgdRule<>(s, engine);
        } else if (config instanceof AdamWConfig a) {
            return new AdamWRule<>(a, engine);
        }
        throw new IllegalArgumentException("no update rule for " + config);
    }
}
