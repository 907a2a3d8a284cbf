package dev.grokphase.spark;

import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** A small deterministic run (seeded random walk) standing in for a sweep run in executor tests. */
record ToyRun(String key, long seed, int steps) implements SparkRun {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Invocations of writeTo in this JVM (Spark local mode runs tasks in the test's JVM). */
    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public void writeTo(Path dir) {
        CALLS.incrementAndGet();
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("step,x\n");
        double x = 0;
        for (int i = 0; i < steps; i++) {
            x += rng.nextGaussian();
            csv.append(i).append(',').append(String.format(Locale.ROOT, "%.17g", x)).append('\n');
        }
        try {
            Files.createDirectories(dir.resolve("observables"));
            Files.writeString(dir.resolve("metrics.csv"), csv);
            Files.writeString(dir.resolve("observables/final.json"), "{\"x\":" + Double.toString(x) + "}\n");
            Files.writeString(dir.resolve("manifest.json"), "{\"key\":\"" + key + "\",\"seed\":" + seed + "}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
