package dev.grokphase.param;

import dev.grokphase.error.GrokphaseException;

/**
 * Validation at the edge: each check names the parameter (as the user spelled it, e.g.
 * {@code --sigma2}) so that the message can be acted on without reading code.
 */
public final class Require {

    private Require() {
    }

    public static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw GrokphaseException.outOfRange(name, value, "(0, inf)");
        }
        return value;
    }

    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw GrokphaseException.outOfRange(name, value, "[0, inf)");
        }
        return value;
    }

    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw GrokphaseException.outOfRange(name, value, "a finite number");
        }
        return value;
    }

    public static double inRange(String name, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw GrokphaseException.outOfRange(name, value, "[" + lo + ", " + hi + "]");
        }
        return value;
    }

    public static int positive(String name, int value) {
        if (value <= 0) {
            throw GrokphaseException.outOfRange(name, value, "integers >= 1");
        }
        return value;
    }

    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw GrokphaseException.outOfRange(name, value, "integers >= " + min);
        }
        return value;
    }

    public static long positive(String name, long value) {
        if (value <= 0) {
            throw GrokphaseException.outOfRange(name, value, "integers >= 1");
        }
        return value;
    }

    /** A prime modulus, as modular addition needs (the multiplicative symmetry of notes §5.3). */
    public static int prime(String name, int value) {
        if (value < 2 || !java.math.BigInteger.valueOf(value).isProbablePrime(30)) {
            throw GrokphaseException.outOfRange(name, value, "a prime >= 2");
        }
        return value;
    }
}
