package dev.grokphase.sweep;

import java.util.function.Supplier;

/**
 * The CPU cores a run may use. A run started by a sweep gets the cores its executor granted it
 * (a Spark task's {@code spark.task.cpus}, a local sweep's share of this machine); a command run
 * on its own gets every core of the machine (as the JVM sees them: cgroup and affinity limits,
 * such as a SLURM task's, included). A command with "0 = one per core" asks here.
 *
 * <p>The grant is per thread, because a local sweep runs several runs in one JVM at once, each on
 * its own thread, and the run's command is executed in-process on that thread.
 */
public final class Cores {

    private static final ThreadLocal<Integer> GRANTED = new ThreadLocal<>();

    private Cores() {
    }

    /** The cores granted to the run on this thread, else every core of the machine. */
    public static int available() {
        Integer g = GRANTED.get();
        return g != null ? g : Runtime.getRuntime().availableProcessors();
    }

    /** Runs {@code body} with {@code cores} (at least 1) granted to this thread. */
    public static <T> T granting(int cores, Supplier<T> body) {
        Integer before = GRANTED.get();
        GRANTED.set(Math.max(1, cores));
        try {
            return body.get();
        } finally {
            if (before == null) {
                GRANTED.remove();
            } else {
                GRANTED.set(before);
            }
        }
    }
}
