package dev.grokphase.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.io.AtomicFiles;
import dev.grokphase.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run's directory and the names of its files (kept exactly as the training contract lists
 * them; the report reads them):
 * <pre>
 *   manifest.json        config, seeds, version, machine, status, timings
 *   metrics.csv          step,network,dataset,seed,&lt;metrics...&gt;
 *   summary.json         final metrics (ensemble means and std), what --format json prints
 *   observables/         overlaps.csv, overlap-histogram.csv | fourier.csv, spectrum.csv; equilibration.json
 *   checkpoint/state.bin named arrays to resume from (see {@link Checkpoint})
 * </pre>
 */
public final class RunDirectory {

    public static final String MANIFEST = "manifest.json";
    public static final String METRICS = "metrics.csv";
    public static final String SUMMARY = "summary.json";
    public static final String OBSERVABLES = "observables";
    public static final String CHECKPOINT_DIR = "checkpoint";
    public static final String CHECKPOINT_FILE = "state.bin";

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /**
     * A directory for a new run: it must not exist or be empty ({@code optionName} is the flag
     * that named it, for the error message).
     */
    public static RunDirectory createNew(Path root, String optionName) {
        try {
            if (Files.exists(root)) {
                if (!Files.isDirectory(root)) {
                    throw GrokphaseException.invalid(optionName, root, "exists and is not a directory");
                }
                try (Stream<Path> s = Files.list(root)) {
                    if (s.findAny().isPresent()) {
                        throw GrokphaseException.invalid(optionName, root,
                                "directory exists and is not empty; add --resume to continue that run, or choose another directory");
                    }
                }
            }
            Files.createDirectories(root.resolve(OBSERVABLES));
            Files.createDirectories(root.resolve(CHECKPOINT_DIR));
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot create run directory " + root + ": " + e.getMessage(), e);
        }
        return new RunDirectory(root);
    }

    /** An existing run directory, to resume or read: it must hold a manifest. */
    public static RunDirectory open(Path root, String optionName) {
        if (!Files.isRegularFile(root.resolve(MANIFEST))) {
            throw GrokphaseException.invalid(optionName, root, "is not a run directory (no " + MANIFEST + ")");
        }
        try {
            Files.createDirectories(root.resolve(OBSERVABLES));
            Files.createDirectories(root.resolve(CHECKPOINT_DIR));
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot open run directory " + root + ": " + e.getMessage(), e);
        }
        return new RunDirectory(root);
    }

    public Path root() {
        return root;
    }

    public Path manifestFile() {
        return root.resolve(MANIFEST);
    }

    public Path metricsFile() {
        return root.resolve(METRICS);
    }

    public Path summaryFile() {
        return root.resolve(SUMMARY);
    }

    public Path observable(String name) {
        return root.resolve(OBSERVABLES).resolve(name);
    }

    public Path checkpointFile() {
        return root.resolve(CHECKPOINT_DIR).resolve(CHECKPOINT_FILE);
    }

    public boolean hasCheckpoint() {
        return Files.isRegularFile(checkpointFile());
    }

    public void writeManifest(Map<String, Object> manifest) {
        AtomicFiles.writeString(manifestFile(), Json.pretty(manifest) + "\n");
    }

    public Map<String, Object> readManifest() {
        try {
            return Json.MAPPER.readValue(manifestFile().toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot read " + manifestFile() + ": " + e.getMessage(), e);
        }
    }

    public void writeSummary(Object summary) {
        AtomicFiles.writeString(summaryFile(), Json.pretty(summary) + "\n");
    }

    public void writeObservable(String name, String text) {
        AtomicFiles.writeString(observable(name), text);
    }
}
