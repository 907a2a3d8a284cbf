package dev.grokphase.param;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;

import java.util.List;
import java.util.Locale;

/**
 * Refuses user-sized work before allocating it: an estimate of the bytes a command will hold is
 * compared with the JVM's heap limit, and of the elements of its largest array with the largest
 * Java array. The message names the option, its value, the memory needed and the memory there is.
 * Estimates count the big arrays only (data, weights, optimiser state, activations), so they are
 * a lower bound: a refusal is certain, an acceptance is a good sign.
 */
public final class MemoryBudget {

    /** Largest array length the JVMs we run on allocate (Integer.MAX_VALUE minus header words). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8L;

    /** Share of the heap limit one command may plan to use (the rest: JVM, plots, temporaries). */
    static final double SHARE = 0.8;

    private MemoryBudget() {
    }

    /** The heap this JVM may grow to, in bytes. */
    public static long available() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Requires an array of {@code elements} entries to be possible: one line naming the option and
     * value when it is not.
     */
    public static void requireArray(String option, Object value, double elements, String what) {
        if (!(elements <= MAX_ARRAY)) {
            throw new GrokphaseException(ErrorCode.OUT_OF_RANGE, String.format(Locale.ROOT,
                    "%s = %s is out of range: %s would need %.3g entries in one array, the JVM allows at most %d",
                    option, value, what, elements, MAX_ARRAY));
        }
    }

    /** Requires {@code bytes} (doubles counted as 8 bytes) to fit the heap, or one line naming option, value, need and limit. */
    public static void require(String option, Object value, double bytes, String what) {
        double limit = SHARE * available();
        if (!(bytes <= limit)) {
            throw new GrokphaseException(ErrorCode.OUT_OF_RANGE, String.format(Locale.ROOT,
                    "%s = %s is out of range: %s needs about %s of memory, this JVM has %s (-Xmx; JAVA_OPTS for ./grokphase)",
                    option, value, what, bytes(bytes), bytes(available())));
        }
    }

    /** An option that sizes an array: its name, value and default (to tell which one the user made large). */
    public record Size(String option, double value, double usual) {
        double ratio() {
            return value / Math.max(1, usual);
        }

        String shown() {
            return value == Math.rint(value) && Math.abs(value) < 1e18 ? Long.toString((long) value) : Double.toString(value);
        }
    }

    /** {@code count} arrays of {@code elements} doubles each, sized by {@code sizes}. */
    public record Term(String what, double count, double elements, List<Size> sizes) {
    }

    /**
     * Checks a command's big arrays before any is allocated: each must be a possible Java array,
     * and all of them together must fit the heap. The message names the option that, among the
     * sizes of the failing array, is furthest above its usual value.
     */
    public static void check(List<Term> terms) {
        check(terms, true);
    }

    /**
     * As {@link #check(List)}; with {@code heap} false only the array limits are checked (they hold
     * on every JVM), not this JVM's heap: a spec planned here may run on a bigger machine.
     */
    public static void check(List<Term> terms, boolean heap) {
        double total = 0;
        Term biggest = null;
        for (Term t : terms) {
            if (!(t.elements() <= MAX_ARRAY)) {
                Size s = blame(t);
                requireArray(s.option(), s.shown(), t.elements(), t.what());
            }
            double b = 8 * t.count() * t.elements();
            total += b;
            if (biggest == null || b > 8 * biggest.count() * biggest.elements()) {
                biggest = t;
            }
        }
        if (biggest != null && heap) {
            Size s = blame(biggest);
            require(s.option(), s.shown(), total, "this command (mostly " + biggest.what() + ")");
        }
    }

    private static Size blame(Term t) {
        Size best = t.sizes().get(0);
        for (Size s : t.sizes()) {
            if (s.ratio() > best.ratio()) {
                best = s;
            }
        }
        return best;
    }

    /** 1.5 GiB, 320 MiB, 12 KiB... */
    public static String bytes(double b) {
        if (!Double.isFinite(b)) {
            return "more than any machine has";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.3g %s", b, units[u]);
    }
}
