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
 *   .lock                the writer's OS lock (see {@link DirectoryLock}); the holder's pid
 * </pre>
 * A {@code RunDirectory} from {@link #createNew} or {@link #open} holds the directory's lock
 * until {@link #close()} (or the process ends): one writer per run.
 */
public final class RunDirectory implements AutoCloseable {

    public static final String MANIFEST = "manifest.json";
    public static final String METRICS = "metrics.csv";
    public static final String SUMMARY = "summary.json";
    public static final String OBSERVABLES = "observables";
    public static final String CHECKPOINT_DIR = "checkpoint";
    public static final String CHECKPOINT_FILE = "state.bin";

    private final Path root;
    private final DirectoryLock lock;

    private RunDirectory(Path root, DirectoryLock lock) {
        this.root = root;
        this.lock = lock;
    }

    /**
     * A directory for a new run: it must not exist or be empty ({@code optionName} is the flag
     * that named it, for the error message).
     */
    public static RunDirectory createNew(Path root, String optionName) {
        requireEmpty(root, optionName);
        DirectoryLock lock = DirectoryLock.acquireOrFail(root, optionName);
        try {
            requireEmpty(root, optionName); // again under the lock: another writer may have started meanwhile
            Files.createDirectories(root.resolve(OBSERVABLES));
            Files.createDirectories(root.resolve(CHECKPOINT_DIR));
        } catch (IOException e) {
            lock.close();
            throw new GrokphaseException(ErrorCode.IO, "cannot create run directory " + root + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        return new RunDirectory(root, lock);
    }

    /** A new run needs a directory that does not exist or holds nothing but a lock file. */
    private static void requireEmpty(Path root, String optionName) {
        if (!Files.exists(root)) {
            return;
        }
        if (!Files.isDirectory(root)) {
            throw GrokphaseException.invalid(optionName, root, "exists and is not a directory");
        }
        try (Stream<Path> s = Files.list(root)) {
            if (s.anyMatch(p -> !p.getFileName().toString().equals(DirectoryLock.FILE))) {
                throw GrokphaseException.invalid(optionName, root,
                        "directory exists and is not empty; add --resume to continue that run, or choose another directory");
            }
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot read directory " + root + ": " + e.getMessage(), e);
        }
    }

    /** An existing run directory, to resume or read: it must hold a manifest. */
    public static RunDirectory open(Path root, String optionName) {
        if (!Files.isRegularFile(root.resolve(MANIFEST))) {
            throw GrokphaseException.invalid(optionName, root, "is not a run directory (no " + MANIFEST + ")");
        }
        DirectoryLock lock = DirectoryLock.acquireOrFail(root, optionName);
        try {
            Files.createDirectories(root.resolve(OBSERVABLES));
            Files.createDirectories(root.resolve(CHECKPOINT_DIR));
            removeTemporaries(root);
        } catch (IOException e) {
            lock.close();
            throw new GrokphaseException(ErrorCode.IO, "cannot open run directory " + root + ": " + e.getMessage(), e);
        }
        return new RunDirectory(root, lock);
    }

    /**
     * Removes the temporary siblings ({@code .NAME.*.tmp}) that a killed atomic write leaves behind.
     * Safe only under the lock: no other writer can own them.
     */
    static void removeTemporaries(Path root) throws IOException {
        for (Path d : new Path[]{root, root.resolve(OBSERVABLES), root.resolve(CHECKPOINT_DIR)}) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                for (Path p : s.toList()) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(p)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** Releases the directory's lock. */
    @Override
    public void close() {
        lock.close();
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

    /**
     * Writes the manifest atomically. When that fails (a full disk has no room for the temporary
     * copy), the manifest is overwritten in place, so that its status still says what happened.
     */
    public void writeManifest(Map<String, Object> manifest) {
        String text = Json.pretty(manifest) + "\n";
        try {
            AtomicFiles.writeString(manifestFile(), text);
        } catch (GrokphaseException atomic) {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(manifestFile(),
                    java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                int length = buf.remaining();
                while (buf.hasRemaining()) {
                    ch.write(buf); // from position 0: the old manifest's blocks are reused, no new space needed
                }
                ch.truncate(length);
                ch.force(true);
            } catch (IOException inPlace) {
                atomic.addSuppressed(inPlace);
                throw atomic;
            }
        }
    }

    public Map<String, Object> readManifest() {
        return readManifest(manifestFile());
    }

    /** Reads a manifest; a damaged one is one line saying so and where, not the parser's message. */
    public static Map<String, Object> readManifest(Path file) {
        try {
            Map<String, Object> m = Json.MAPPER.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
            });
            if (m == null) {
                throw new GrokphaseException(ErrorCode.IO, file + " is damaged: it is empty");
            }
            return m;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            throw new GrokphaseException(ErrorCode.IO, file + " is damaged: not valid JSON"
                    + (at != null && at.getLineNr() > 0 ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "")
                    + "; restore it or start the run afresh in another directory", e);
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot read " + file + ": " + DirectoryLock.describe(e), e);
        }
    }

    public void writeSummary(Object summary) {
        AtomicFiles.writeString(summaryFile(), Json.pretty(summary) + "\n");
    }

    public void writeObservable(String name, String text) {
        AtomicFiles.writeString(observable(name), text);
    }
}
