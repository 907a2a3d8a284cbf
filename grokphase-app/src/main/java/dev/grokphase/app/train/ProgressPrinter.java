package dev.grokphase.app.train;

import dev.grokphase.experiment.ProgressListener;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a run on stderr. On a terminal ({@code System.console() != null}): one bar redrawn
 * in place at most 5 times a second, with percentage, steps, rate (steps/s) and ETA. Otherwise
 * (output redirected, CI logs): a plain line at every 10 % and at least every 30 s, so logs
 * stay short and readable.
 */
public final class ProgressPrinter implements ProgressListener {

    private static final int WIDTH = 28;

    private final PrintWriter err;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long startStep = -1;
    private long lastPrint;
    private int lastDecile = -1;

    public ProgressPrinter(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
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
            int filled = (int) Math.round(frac * WIDTH);
            String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
            err.print(String.format(Locale.ROOT, "\r%3.0f%% [%s] %d/%d steps %s/s ETA %s %s\u001b[K",
                    100 * frac, bar, step, total, rate(rate), time(eta), status));
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
