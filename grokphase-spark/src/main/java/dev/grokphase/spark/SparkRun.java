package dev.grokphase.spark;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * One run of a sweep as the Spark executor sees it: a key (the run directory's name) and the work
 * that writes a complete run directory. Shipped to executors by Java serialisation, so it holds
 * only its configuration, never live solver or network objects.
 */
public interface SparkRun extends Serializable {

    /** The run directory's name under the sweep root; unique within the sweep. */
    String key();

    /** Computes the run and writes its complete directory into {@code dir} (which exists, empty). */
    void writeTo(Path dir);
}
