package dev.grokphase.spark;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.sweep.RunHandlers;
import dev.grokphase.sweep.SweepExecutor;
import dev.grokphase.sweep.SweepExecutorFactory;

import java.util.Map;
import java.util.Set;

/**
 * {@code grokphase sweep --executor spark}, registered through ServiceLoader. Options
 * ({@code --executor-option KEY=VALUE}): {@code master} (used only when no SparkContext exists
 * and spark-submit set none; default {@code local[*]}), {@code output} (run directories on a
 * Hadoop file system URI instead of {@code --out}), and any Spark setting {@code spark.KEY}
 * (given to spark-submit as {@code --conf} by the re-launch; applied here only when this executor
 * starts the context itself). {@code --threads} does not apply: Spark's
 * executors and cores set the parallelism. The given handlers stay on the driver; each Spark
 * executor discovers its own from the class path.
 */
public final class SparkSweepExecutorFactory implements SweepExecutorFactory {

    private static final Set<String> KEYS = Set.of("master", "output");

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public SweepExecutor create(int threads, Map<String, String> options, RunHandlers handlers) {
        Map<String, String> conf = new java.util.TreeMap<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().startsWith("spark.") && e.getKey().length() > "spark.".length()) {
                conf.put(e.getKey(), e.getValue());
            } else if (!KEYS.contains(e.getKey())) {
                throw GrokphaseException.invalid("--executor-option", e.getKey(), "allowed for spark: master, output, spark.KEY (a Spark setting)");
            }
        }
        return new SparkSweepExecutor(options.get("master"), options.get("output"), conf);
    }
}
