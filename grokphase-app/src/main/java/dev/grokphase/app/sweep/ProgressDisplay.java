package dev.grokphase.app.sweep;

import dev.grokphase.sweep.PlannedRun;
import dev.grokphase.sweep.RunResult;
import dev.grokphase.sweep.RunStatus;
import dev.grokphase.sweep.SweepListener;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Sweep progress on stderr: on a terminal one line rewritten in place; redirected output gets one
 * plain line per finished run (DESIGN.md: progress bars only on a terminal).
 */
public final class ProgressDisplay implements SweepListener {

    private final PrintWriter err;
    private final boolean terminal;
    private final String label;
    private final long t0 = System.nanoTime();
    private int total;
    private int done;
    private int running;
    private int skipped;
    private int failed;

    public ProgressDisplay(PrintWriter err, String label) {
        this(err, label, System.console() != null);
    }

    public ProgressDisplay(PrintWriter err, String label, boolean terminal) {
        this.err = err;
        this.label = label;
        this.terminal = terminal;
    }

    @Override
    public synchronized void planned(int total) {
        this.total = total;
        line("planned", false);
    }

    @Override
    public synchronized void started(PlannedRun run, boolean resume) {
        running++;
        if (terminal) line(run.computationId(), false);
    }

    @Override
    public synchronized void finished(RunResult r) {
        done++;
        if (r.skipped()) {
            skipped++;
        } else {
            running = Math.max(0, running - 1);
        }
        if (r.status() != RunStatus.COMPLETED && !r.skipped()) failed++;
        String what = r.planned().computationId() + " #" + r.planned().index() + " " + r.status().id()
                + (r.skipped() ? " (already done)" : String.format(Locale.ROOT, " in %.1f s", r.wallSeconds()))
                + (r.error().isEmpty() ? "" : ": " + r.error());
        line(what, !terminal || !r.error().isEmpty());
    }

    @Override
    public synchronized void note(PlannedRun run, String message) {
        line(run.computationId() + " #" + run.index() + ": " + message, true);
    }

    public synchronized void finish() {
        if (terminal) err.println();
        err.flush();
    }

    public synchronized int failed() {
        return failed;
    }

    private void line(String what, boolean newline) {
        double s = (System.nanoTime() - t0) * 1e-9;
        String text = String.format(Locale.ROOT, "[%s] %d/%d runs done (%d skipped, %d running, %d failed) %s  %s",
                label, done, total, skipped, running, failed, clock(s), what);
        if (terminal && !newline) {
            err.print("\r" + pad(text));
        } else {
            err.println((terminal ? "\r" : "") + text);
        }
        err.flush();
    }

    private static String pad(String s) {
        return s.length() >= 110 ? s.substring(0, 110) : s + " ".repeat(110 - s.length());
    }

    static String clock(double seconds) {
        long t = Math.round(seconds);
        return String.format(Locale.ROOT, "%02d:%02d", t / 60, t % 60);
    }
}
