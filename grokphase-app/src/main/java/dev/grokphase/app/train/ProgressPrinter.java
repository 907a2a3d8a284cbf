package dev.grokphase.app.train;

import dev.grokphase.app.terminal.TerminalWidth;
import dev.grokphase.experiment.ProgressListener;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Progress of a run on stderr. On a terminal ({@code System.console() != null}): one bar redrawn
 * in place at most 5 times a second, with percentage, steps, rate (steps/s), ETA and the latest
 * logged metrics, cut to the terminal's width so that it never wraps (a wrapped line cannot be
 * redrawn with a carriage return and floods the screen); at the end one line with the final
 * metrics stays. Otherwise (output redirected, CI logs): a plain line at every 10 % and at least
 * every 30 s, so logs stay short and readable.
 */
public final class ProgressPrinter implements ProgressListener {

    private static final int MAX_BAR = 28;
    private static final int MIN_BAR = 8;

    private final PrintWriter err;
    private final boolean terminal;
    private final IntSupplier columns;
    private final long startNanos = System.nanoTime();
    private long startStep = -1;
    private long lastPrint;
    private int lastDecile = -1;

    public ProgressPrinter(PrintWriter err, boolean terminal) {
        this(err, terminal, new TerminalWidth());
    }

    /** @param columns the terminal's width, asked before every redraw */
    public ProgressPrinter(PrintWriter err, boolean terminal, IntSupplier columns) {
        this.err = err;
        this.terminal = terminal;
        this.columns = columns;
    }

    /** The mode the issue asks for: a bar exactly when a console is attached. */
    public static ProgressPrinter auto(PrintWriter err) {
        return new ProgressPrinter(err, System.console() != null);
    }

    @Override
    public void progress(long step, long total, String status) {
        long now = System.nanoTime();
        if (startStep < 0) {
            startStep = step;
        }
        double elapsed = (now - startNanos) / 1e9;
        double rate = elapsed > 0 ? (step - startStep) / elapsed : 0;
        double eta = rate > 0 ? (total - step) / rate : Double.NaN;
        double frac = total > 0 ? (double) step / total : 1;
        boolean done = step >= total;
        if (terminal) {
            if (!done && now - lastPrint < 200_000_000L) {
                return;
            }
            lastPrint = now;
            int cols = columns.getAsInt();
            String line = done ? TerminalWidth.wrap(finalLine(total, elapsed, rate, status), Math.max(20, cols - 1), "  ")
                    : barLine(frac, step, total, rate, eta, status, cols);
            err.print("\r" + line + "\u001b[K");
            if (done) {
                err.println();
            }
            err.flush();
        } else {
            int decile = (int) Math.floor(frac * 10);
            if (decile == lastDecile && now - lastPrint < 30_000_000_000L && !done) {
                return;
            }
            if (done && lastDecile == 10) {
                return;
            }
            lastDecile = decile;
            lastPrint = now;
            err.println(String.format(Locale.ROOT, "step %d/%d (%.0f%%) %s steps/s, elapsed %s, ETA %s %s",
                    step, total, 100 * frac, rate(rate), time(elapsed), time(eta), status).trim());
            err.flush();
        }
    }

    /**
     * The bar line, at most {@code columns − 1} characters (the last column would make some
     * terminals wrap): the bar shrinks first, then the metrics are cut.
     */
    static String barLine(double frac, long step, long total, double rate, double eta, String status, int columns) {
        int max = Math.max(10, columns - 1);
        String head = String.format(Locale.ROOT, "%3.0f%% ", 100 * frac);
        String counts = String.format(Locale.ROOT, " %d/%d %s/s ETA %s", step, total, rate(rate), time(eta));
        String metrics = status == null || status.isBlank() ? "" : "  " + status.trim();
        int room = max - head.length() - counts.length() - 2 - metrics.length();
        int barWidth = Math.min(MAX_BAR, Math.max(MIN_BAR, room));
        int filled = (int) Math.round(frac * barWidth);
        String bar = "[" + "=".repeat(filled) + (filled < barWidth ? ">" + " ".repeat(barWidth - filled - 1) : "") + "]";
        if (head.length() + bar.length() + counts.length() > max) {
            bar = ""; // very narrow terminal: numbers only
        }
        return TerminalWidth.fit(head + bar + counts + metrics, max);
    }

    /** The line that stays: steps, time, rate and the final metrics (not cut: wrapped at spaces to the width). */
    static String finalLine(long total, double elapsed, double rate, String status) {
        return String.format(Locale.ROOT, "done: %d steps in %s (%s steps/s)%s", total, time(elapsed), rate(rate),
                status == null || status.isBlank() ? "" : "  " + status.trim());
    }

    private static String rate(double r) {
        return r >= 100 ? String.format(Locale.ROOT, "%.0f", r) : String.format(Locale.ROOT, "%.3g", r);
    }

    static String time(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "--";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
