package dev.grokphase.sweep;

import java.util.Locale;

/** The sizes a spec can be run at. */
public enum Scale {
    /** About a minute for all specs together: the smoke test of the test suite. */
    QUICK,
    /** A 2-core machine, all specs in under 15 minutes: what {@code grokphase reproduce} runs. */
    DEFAULT,
    /**
     * About an hour on an idle 2-core machine: what the default scale cannot show (App. D with
     * longer runs, Fig. 2 at β = 1/2 and two points at β = 1). A computation without a
     * {@code large} override runs its {@code default} sizes.
     */
    LARGE,
    /** The paper's sizes (notes §6.1, §6.2): a cluster job. */
    FULL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scale parse(String option, String text) {
        for (Scale s : values()) {
            if (s.id().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw dev.grokphase.error.GrokphaseException.invalid(option, text, "allowed quick, default, large, full");
    }
}
