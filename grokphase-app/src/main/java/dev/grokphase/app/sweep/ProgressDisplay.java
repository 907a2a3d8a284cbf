package dev.grokphase.app.sweep;

import dev.grokphase.sweep.PlannedRun;
import dev.grokphase.sweep.RunResult;
import dev.grokphase.sweep.RunStatus;
import dev.grokphase.sweep.SweepListener;

import dev.grokphase.app.terminal.TerminalWidth;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Sweep progress on stderr: on a terminal one line rewritten in place; redirected output gets one
 * plain line per finished run (DESIGN.md: progress bars only on a terminal). The line redrawn in
 * place is cut to the terminal's width: a wrapped line cannot be redrawn and floods the screen.
 */
public final class ProgressDisplay implements SweepListener {

    private final PrintWriter err;
    private final boolean terminal;
    private final String label;
    private final IntSupplier columns;
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
        this(err, label, terminal, new TerminalWidth());
    }

    /** @param columns the terminal's width, asked before every redraw */
    public ProgressDisplay(PrintWriter err, String label, boolean terminal, IntSupplier columns) {
        this.err = err;
        this.label = label;
        this.terminal = terminal;
        this.columns = columns;
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
            err.print("\r" + TerminalWidth.fit(text, Math.max(10, columns.getAsInt() - 1)) + "\u001b[K");
        } else {
            err.println((terminal ? "\r\u001b[K" : "") + text);
        }
        err.flush();
    }

    static String clock(double seconds) {
        long t = Math.round(seconds);
        return String.format(Locale.ROOT, "%02d:%02d", t / 60, t % 60);
    }
}
