package dev.grokphase.spark;

import dev.grokphase.error.GrokphaseException;

import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;

/**
 * A deliberate crash of the first attempt of one run's task, to show that retries and the commit
 * protocol give a correct, complete result set. Set with {@code --conf
 * spark.grokphase.injectFailure=KEY@PHASE}; absent in normal use.
 *
 * @param key   the run whose first attempt fails
 * @param phase where in the task it fails
 */
public record FailureInjection(String key, Phase phase) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Spark configuration key of the injection. */
    public static final String CONF = "spark.grokphase.injectFailure";

    /** Points of the task's life at which the injected failure can strike. */
    public enum Phase {
        /** After the first file of the run reached the attempt's work area: a half-written attempt. */
        MID_UPLOAD,
        /** After the commit, before the task reports success: the retry must find the run done. */
        AFTER_COMMIT
    }

    /** The exception an injected failure throws (named so logs and tests recognise it). */
    public static final class InjectedFailure extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        public InjectedFailure(String message) {
            super(message);
        }
    }

    /** Parses {@code KEY@PHASE} (phase names case-insensitive, '-' or '_'); null or blank gives null. */
    public static FailureInjection parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        int at = spec.lastIndexOf('@');
        String phase = at <= 0 ? "" : spec.substring(at + 1).trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Phase p : Phase.values()) {
            if (p.name().equals(phase)) {
                return new FailureInjection(spec.substring(0, at), p);
            }
        }
        throw GrokphaseException.invalid(CONF, spec, "expected KEY@mid-upload or KEY@after-commit");
    }

    void maybeFail(String runKey, int attemptNumber, Phase at) {
        if (attemptNumber == 0 && phase == at && key.equals(runKey)) {
            throw new InjectedFailure("injected failure of run " + runKey + " at " + at + " (attempt 0)");
        }
    }
}
