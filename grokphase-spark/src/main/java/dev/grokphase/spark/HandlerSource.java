package dev.grokphase.spark;

import dev.grokphase.sweep.RunHandlers;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * Where a Spark task gets its {@link RunHandlers}: handlers are live objects, not shipped with the
 * closure; each executor JVM builds its own. The default discovers them with ServiceLoader from
 * the class path (the grokphase-spark jar carries the app's in-process handlers).
 */
@FunctionalInterface
public interface HandlerSource extends Supplier<RunHandlers>, Serializable {

    /** ServiceLoader discovery on the executor. */
    static HandlerSource discover() {
        return RunHandlers::discover;
    }
}
