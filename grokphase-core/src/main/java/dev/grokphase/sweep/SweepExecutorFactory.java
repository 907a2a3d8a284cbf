package dev.grokphase.sweep;

import dev.grokphase.error.GrokphaseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Makes a {@link SweepExecutor} by name, for {@code grokphase sweep --executor NAME}. {@code local}
 * is built in; other modules (the Spark executor) register a factory through
 * {@code META-INF/services/dev.grokphase.sweep.SweepExecutorFactory}.
 */
public interface SweepExecutorFactory {

    /** The name {@code --executor} uses, e.g. {@code spark}. */
    String name();

    /**
     * @param threads  local parallelism requested with {@code --threads}
     * @param options  extra {@code --executor-option key=value} pairs (e.g. a Spark master URL)
     * @param handlers the run handlers of this process
     */
    SweepExecutor create(int threads, Map<String, String> options, RunHandlers handlers);

    /** The factory named {@code name}: {@code local}, or one registered on the class path. */
    static SweepExecutor create(String name, int threads, Map<String, String> options, RunHandlers handlers) {
        if ("local".equals(name)) {
            return new LocalSweepExecutor(threads, handlers);
        }
        List<String> known = new ArrayList<>(List.of("local"));
        for (SweepExecutorFactory f : ServiceLoader.load(SweepExecutorFactory.class, SweepExecutorFactory.class.getClassLoader())) {
            if (f.name().equals(name)) {
                return f.create(threads, options, handlers);
            }
            known.add(f.name());
        }
        throw GrokphaseException.invalid("--executor", name, "allowed " + String.join(", ", known) + " in this build");
    }
}
