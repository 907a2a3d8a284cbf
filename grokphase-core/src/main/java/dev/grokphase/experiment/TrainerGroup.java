package dev.grokphase.experiment;

import dev.grokphase.train.DivergenceException;
import dev.grokphase.train.Trainer;
import dev.grokphase.train.TrainerState;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link NetworkGroup} over the engine's {@link Trainer}: the networks of one dataset, stacked.
 * Trainer states are stored with a type prefix ("d:", "f:", "l:") on each array name so that the
 * three maps of {@link TrainerState} survive a round trip through one map of named arrays.
 */
public final class TrainerGroup implements NetworkGroup {

    private final Trainer trainer;
    private final int[] globalIndex;

    /** @param globalIndex the ensemble index of each member (for divergence messages) */
    public TrainerGroup(Trainer trainer, int[] globalIndex) {
        this.trainer = trainer;
        this.globalIndex = globalIndex.clone();
    }

    public Trainer trainer() {
        return trainer;
    }

    @Override
    public int size() {
        return trainer.members();
    }

    @Override
    public void advance(long steps) {
        try {
            trainer.run(steps);
        } catch (DivergenceException e) {
            // The engine numbers networks within the group; the run layer names them by ensemble index.
            String msg = e.getMessage().replace("of network " + e.network() + " ", "of network " + globalIndex[e.network()] + " ");
            throw new dev.grokphase.error.GrokphaseException(dev.grokphase.error.ErrorCode.DIVERGED, msg, e);
        }
    }

    @Override
    public double[] predict(int member, double[] x, int n) {
        return trainer.predict(member, x, n);
    }

    @Override
    public double[] snapshotW(int member) {
        return trainer.snapshotW(member);
    }

    @Override
    public double[] snapshotA(int member) {
        return trainer.snapshotA(member);
    }

    @Override
    public java.util.List<String> samplerColumns() {
        java.util.List<String> c = new java.util.ArrayList<>();
        if (trainer.mala() != null) {
            c.add("acceptance");
            c.add("stepScale");
        }
        if (trainer.jumps() != null) {
            c.add(JUMP_ACCEPTANCE);
        }
        return c;
    }

    /** The metrics.csv and summary.json column of the droplet jumps' acceptance. */
    public static final String JUMP_ACCEPTANCE = "jumpAcceptance";

    @Override
    public double[] samplerValues(int member) {
        return samplerValues(trainer, member);
    }

    /** MALA's acceptance and step, then the jump acceptance (0 before the first sweep), as far as the trainer has them. */
    static double[] samplerValues(Trainer trainer, int member) {
        dev.grokphase.train.MalaChains mala = trainer.mala();
        dev.grokphase.train.DropletJumps jumps = trainer.jumps();
        double[] v = new double[(mala == null ? 0 : 2) + (jumps == null ? 0 : 1)];
        int i = 0;
        if (mala != null) {
            v[i++] = mala.acceptance(member);
            v[i++] = mala.stepScale(member);
        }
        if (jumps != null) {
            double a = jumps.acceptance(member);
            v[i] = Double.isNaN(a) ? 0.0 : a;
        }
        return v;
    }

    @Override
    public Map<String, Object> saveState() {
        return flatten(trainer.saveState());
    }

    @Override
    public void restoreState(Map<String, Object> state) {
        trainer.restoreState(unflatten(state));
    }

    /** A trainer state as one map of named arrays, each name prefixed with its type ("d:", "f:", "l:"). */
    static Map<String, Object> flatten(TrainerState s) {
        Map<String, Object> out = new LinkedHashMap<>();
        s.doubles().forEach((k, v) -> out.put("d:" + k, v));
        s.floats().forEach((k, v) -> out.put("f:" + k, v));
        s.longs().forEach((k, v) -> out.put("l:" + k, v));
        return out;
    }

    static TrainerState unflatten(Map<String, Object> state) {
        Map<String, double[]> d = new LinkedHashMap<>();
        Map<String, float[]> f = new LinkedHashMap<>();
        Map<String, long[]> l = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : state.entrySet()) {
            String k = e.getKey().substring(2);
            switch (e.getKey().charAt(0)) {
                case 'd' -> d.put(k, (double[]) e.getValue());
                case 'f' -> f.put(k, (float[]) e.getValue());
                case 'l' -> l.put(k, (long[]) e.getValue());
                default -> throw new IllegalArgumentException("unknown state entry " + e.getKey());
            }
        }
        return new TrainerState(d, f, l);
    }
}
