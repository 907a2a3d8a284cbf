package dev.grokphase.spark;

import dev.grokphase.io.AtomicFiles;
import dev.grokphase.sweep.RunDescription;
import dev.grokphase.sweep.Cores;
import dev.grokphase.sweep.RunHandler;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in run handler: a seeded random walk whose files are a pure function of the config,
 * written the way real runs are (manifest.json with a terminal status, metrics.csv,
 * observables/). Counts its invocations: Spark local mode runs tasks in the test's JVM.
 */
public final class FakeHandler implements RunHandler {

    static final AtomicInteger CALLS = new AtomicInteger();
    /** The cores each call was granted ({@link Cores#available()} inside the run). */
    static final java.util.Set<Integer> GRANTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public boolean supports(String command) {
        return command.equals("train fake");
    }

    @Override
    public void execute(RunDescription run, Path dir, boolean resume) {
        CALLS.incrementAndGet();
        GRANTED.add(Cores.available());
        long seed = ((Number) run.config().get("seed")).longValue();
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("step,x\n");
        double x = 0;
        for (int i = 0; i < 200; i++) {
            x += rng.nextGaussian();
            csv.append(i).append(',').append(String.format(Locale.ROOT, "%.17g", x)).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("metrics.csv"), csv.toString());
        AtomicFiles.writeString(dir.resolve("observables/final.json"), "{\"x\":" + x + "}\n");
        // The rest of a complete run directory (sweep.RunCompleteness): a run without it is not done.
        AtomicFiles.writeString(dir.resolve("observables/equilibration.json"), "{}\n");
        AtomicFiles.writeString(dir.resolve("summary.json"), "{\"x\":" + x + "}\n");
        AtomicFiles.writeString(dir.resolve("manifest.json"),
                "{\"command\":\"" + run.command() + "\",\"seed\":" + seed + ",\"status\":\"completed\"}\n");
    }
}
