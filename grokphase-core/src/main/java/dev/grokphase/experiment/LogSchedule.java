package dev.grokphase.experiment;

import java.util.TreeSet;

/**
 * The steps at which observables are logged: step 0, the last step, {@code points} steps spaced
 * evenly in log(step) between 1 and the last step (grokking and relaxation happen on a log time
 * scale, paper-notes §6.2 Fig. 6 "vs ln(epochs)"), and every multiple of {@code every} when it is
 * positive (an evenly spaced record, which equilibration diagnostics need).
 */
public final class LogSchedule {

    private final long[] steps;
    private final long every;

    public LogSchedule(long total, int points, long every) {
        this.every = Math.max(0, every);
        TreeSet<Long> s = new TreeSet<>();
        s.add(0L);
        s.add(total);
        if (points > 1 && total > 1) {
            double lt = Math.log(total);
            for (int i = 0; i < points; i++) {
                s.add(Math.min(total, Math.round(Math.exp(lt * i / (points - 1)))));
            }
        } else if (points == 1) {
            s.add(total);
        }
        if (every > 0) {
            for (long t = every; t < total; t += every) {
                s.add(t);
            }
        }
        steps = s.stream().mapToLong(Long::longValue).toArray();
    }

    /** Spacing of the evenly spaced record; 0 = none. */
    public long every() {
        return every;
    }

    public long[] steps() {
        return steps.clone();
    }

    public boolean contains(long step) {
        return java.util.Arrays.binarySearch(steps, step) >= 0;
    }
}
