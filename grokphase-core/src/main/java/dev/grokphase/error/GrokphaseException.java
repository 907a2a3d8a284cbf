package dev.grokphase.error;

import java.util.Locale;

/**
 * A failure the user can act on: bad input, a solver that could not bracket a root, a run
 * directory that cannot be resumed. The message is one line that names the parameter, the value
 * and what is allowed; the command-line tool prints it as is and exits with code 2.
 */
public class GrokphaseException extends RuntimeException {

    private final ErrorCode code;

    public GrokphaseException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public GrokphaseException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** "--sigma2 = -0.1 is out of range: allowed (0, inf)". */
    public static GrokphaseException outOfRange(String parameter, Object value, String allowed) {
        return new GrokphaseException(ErrorCode.OUT_OF_RANGE,
                String.format(Locale.ROOT, "%s = %s is out of range: allowed %s", parameter, format(value), allowed));
    }

    public static GrokphaseException invalid(String parameter, Object value, String why) {
        return new GrokphaseException(ErrorCode.INVALID_VALUE,
                String.format(Locale.ROOT, "%s = %s is invalid: %s", parameter, format(value), why));
    }

    private static String format(Object value) {
        if (value instanceof Double d) {
            return Double.toString(d);
        }
        return String.valueOf(value);
    }
}
