package dev.grokphase.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a trainer needs to continue bit-identically: parameters, optimiser moments, RNG
 * words, batch order and the step counter, as named arrays so that any format can store it.
 * Names used: "shape", "steps", "w", "a" (double[] in float64, float[] in float32), optimiser
 * moments ("sgd.bufW", "sgd.bufA", "adam.mW", "adam.vW", "adam.mA", "adam.vA"), "rng.noise"
 * (4 words per network), "rng.batch", "batch.order", "batch.pos", "lastLoss".
 */
public record TrainerState(Map<String, double[]> doubles, Map<String, float[]> floats, Map<String, long[]> longs) {

    public TrainerState {
        doubles = Collections.unmodifiableMap(new LinkedHashMap<>(doubles));
        floats = Collections.unmodifiableMap(new LinkedHashMap<>(floats));
        longs = Collections.unmodifiableMap(new LinkedHashMap<>(longs));
    }

    public long steps() {
        return longs.get("steps")[0];
    }
}
