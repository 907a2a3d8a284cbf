package dev.grokphase.app.cluster;

import dev.grokphase.io.AtomicFiles;
import dev.grokphase.sweep.RunDescription;
import dev.grokphase.sweep.RunHandler;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/** Test run handler for command {@code "train walk"}: a seeded random walk, files a pure function of the config. */
public final class WalkHandler implements RunHandler {

    @Override
    public boolean supports(String command) {
        return command.equals("train walk");
    }

    @Override
    public void execute(RunDescription run, Path dir, boolean resume) {
        long seed = ((Number) run.config().get("seed")).longValue();
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("step,x\n");
        double x = 0;
        for (int i = 0; i < 100; i++) {
            x += rng.nextGaussian();
            csv.append(i).append(',').append(String.format(Locale.ROOT, "%.17g", x)).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("metrics.csv"), csv.toString());
        AtomicFiles.writeString(dir.resolve("summary.json"), "{\"x\":" + x + "}\n");
        // A complete run directory (RunCompleteness): the observables the contract names.
        AtomicFiles.writeString(dir.resolve("observables/equilibration.json"), "{}\n");
        AtomicFiles.writeString(dir.resolve("manifest.json"), "{\"command\":\"train walk\",\"seed\":" + seed + ",\"status\":\"completed\"}\n");
    }
}
