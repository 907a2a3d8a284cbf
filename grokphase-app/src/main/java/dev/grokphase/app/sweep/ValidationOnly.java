package dev.grokphase.app.sweep;

import java.util.function.Supplier;

/**
 * Runs a command for its validation only: the commands check every option as usual and return
 * (exit 0) just before the first real work (allocating, solving, creating a run directory).
 * How a spec is checked before a sweep starts: each planned run is parsed and validated by the
 * very code that will run it, so the checks cannot drift apart.
 */
public final class ValidationOnly {

    private static final ThreadLocal<Boolean> ON = ThreadLocal.withInitial(() -> false);

    private ValidationOnly() {
    }

    /** True inside {@link #run}: the command should return now, its inputs being valid. */
    public static boolean active() {
        return ON.get();
    }

    public static <T> T run(Supplier<T> command) {
        boolean before = ON.get();
        ON.set(true);
        try {
            return command.get();
        } finally {
            ON.set(before);
        }
    }
}
