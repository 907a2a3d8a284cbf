package dev.grokphase.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The state of a run directory as {@code manifest.json} records it (run directory contract):
 * {@code running | completed | failed | diverged | interrupted}, or {@code absent} when there is
 * no manifest; {@code incomplete} when the manifest says completed but the data files are missing,
 * cut short or hold extra rows ({@link RunCompleteness}). A sweep skips {@link #isDone() done}
 * runs, recomputes incomplete ones and resumes the others.
 */
public enum RunStatus {
    ABSENT, RUNNING, COMPLETED, FAILED, DIVERGED, INTERRUPTED, UNREADABLE, INCOMPLETE;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Completed and diverged runs are final results (a diverged run diverges again from the same seeds). */
    public boolean isDone() {
        return this == COMPLETED || this == DIVERGED;
    }

    public static RunStatus of(Path runDir) {
        Path manifest = runDir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            return ABSENT;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(manifest.toFile());
            String s = n.path("status").asText("");
            for (RunStatus v : values()) {
                if (v.id().equals(s) && v != INCOMPLETE) {
                    return v == COMPLETED && RunCompleteness.problem(runDir) != null ? INCOMPLETE : v;
                }
            }
            return UNREADABLE;
        } catch (IOException e) {
            return UNREADABLE;
        }
    }
}
