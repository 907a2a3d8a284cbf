package dev.grokphase.param;

import dev.grokphase.error.GrokphaseException;

import java.util.Locale;

/**
 * A one-dimensional sweep {@code start:stop:step} (both ends included, up to rounding), or a
 * single value. Points are computed as {@code start + i*step}, never by accumulation, so a
 * 1000-point sweep has no drift.
 */
public record Range(double start, double stop, double step) {

    /** Upper bound on the number of points, to catch a step typed with the wrong exponent. */
    public static final int MAX_POINTS = 10_000_000;

    public Range {
        if (!Double.isFinite(start) || !Double.isFinite(stop) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("range bounds must be finite");
        }
    }

    public static Range single(double value) {
        return new Range(value, value, 0);
    }

    public boolean isSingle() {
        return step == 0;
    }

    public int size() {
        if (isSingle()) {
            return 1;
        }
        // The 1e-9 slack keeps 0.10:0.30:0.01 at 21 points despite binary rounding.
        return (int) Math.floor((stop - start) / step + 1e-9) + 1;
    }

    public double get(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException(i);
        }
        return isSingle() ? start : start + i * step;
    }

    public double[] values() {
        double[] v = new double[size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = get(i);
        }
        return v;
    }

    /**
     * Parses {@code "0.2"} or {@code "0.10:0.30:0.01"}; {@code option} names the flag in errors.
     * Rejects empty, reversed and zero-step ranges with a one-line message.
     */
    public static Range parse(String option, String text) {
        if (text == null || text.isBlank()) {
            throw GrokphaseException.invalid(option, "''", "expected a number or start:stop:step");
        }
        String[] parts = text.trim().split(":", -1);
        if (parts.length == 1) {
            return single(number(option, text, parts[0]));
        }
        if (parts.length != 3) {
            throw GrokphaseException.invalid(option, text, "expected a number or start:stop:step");
        }
        double a = number(option, text, parts[0]);
        double b = number(option, text, parts[1]);
        double s = number(option, text, parts[2]);
        if (!(s > 0)) {
            throw GrokphaseException.invalid(option, text, "the step must be > 0");
        }
        if (b < a) {
            throw GrokphaseException.invalid(option, text, "the range is reversed (stop < start)");
        }
        Range r = new Range(a, b, s);
        if ((b - a) / s + 1 > MAX_POINTS) {
            throw GrokphaseException.invalid(option, text, "more than " + MAX_POINTS + " points");
        }
        return r;
    }

    private static double number(String option, String whole, String part) {
        try {
            double v = Double.parseDouble(part.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw GrokphaseException.invalid(option, whole, "'" + part.trim() + "' is not a finite number");
        }
    }

    @Override
    public String toString() {
        return isSingle() ? fmt(start) : fmt(start) + ":" + fmt(stop) + ":" + fmt(step);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
