package dev.grokphase.experiment;

import dev.grokphase.train.DivergenceException;
import dev.grokphase.train.MalaChains;
import dev.grokphase.train.ReplicaExchangeTrainer;
import dev.grokphase.train.Trainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link NetworkGroup} over a {@link ReplicaExchangeTrainer}: the networks of one dataset with
 * their hotter replicas stacked behind them. Only the β = 1 replicas (members 0..M−1 of the stacked
 * trainer) are networks of the ensemble; the others show only in the sampler diagnostics.
 */
public final class ReplicaGroup implements NetworkGroup {

    private final ReplicaExchangeTrainer rx;
    private final int[] globalIndex;

    /** @param globalIndex the ensemble index of each network (for divergence messages) */
    public ReplicaGroup(ReplicaExchangeTrainer rx, int[] globalIndex) {
        this.rx = rx;
        this.globalIndex = globalIndex.clone();
    }

    public ReplicaExchangeTrainer replicas() {
        return rx;
    }

    @Override
    public int size() {
        return rx.networks();
    }

    @Override
    public void advance(long steps) {
        try {
            rx.run(steps);
        } catch (DivergenceException e) {
            int stacked = e.network();
            int net = stacked % rx.networks();
            String msg = e.getMessage().replace("of network " + stacked + " ",
                    "of network " + globalIndex[net] + " (replica " + stacked / rx.networks() + ") ");
            throw new dev.grokphase.error.GrokphaseException(dev.grokphase.error.ErrorCode.DIVERGED, msg, e);
        }
    }

    @Override
    public double[] predict(int member, double[] x, int n) {
        return rx.trainer().predict(member, x, n);
    }

    @Override
    public double[] snapshotW(int member) {
        return rx.trainer().snapshotW(member);
    }

    @Override
    public double[] snapshotA(int member) {
        return rx.trainer().snapshotA(member);
    }

    @Override
    public Map<String, Object> saveState() {
        return TrainerGroup.flatten(rx.saveState());
    }

    @Override
    public void restoreState(Map<String, Object> state) {
        rx.restoreState(TrainerGroup.unflatten(state));
    }

    @Override
    public List<String> samplerColumns() {
        List<String> c = new ArrayList<>(List.of("acceptance", "stepScale"));
        if (rx.trainer().jumps() != null) {
            c.add(TrainerGroup.JUMP_ACCEPTANCE);
        }
        for (int k = 0; k + 1 < rx.rungs(); k++) {
            c.add(swapColumn(k));
        }
        return c;
    }

    /** The metrics.csv column of the swap acceptance of pair (k, k+1). */
    public static String swapColumn(int k) {
        return "swapAcceptance" + k + "to" + (k + 1);
    }

    @Override
    public double[] samplerValues(int member) {
        double[] own = TrainerGroup.samplerValues(rx.trainer(), member); // acceptance, stepScale (, jumpAcceptance)
        double[] v = new double[own.length + rx.rungs() - 1];
        System.arraycopy(own, 0, v, 0, own.length);
        for (int k = 0; k + 1 < rx.rungs(); k++) {
            double a = rx.swapAcceptance(member, k);
            v[own.length + k] = Double.isNaN(a) ? 0.0 : a; // before the first round
        }
        return v;
    }

    @Override
    public Map<String, Object> samplerDetails() {
        Trainer t = rx.trainer();
        MalaChains mala = t.mala();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("replicas", rx.rungs());
        out.put("tempered", rx.tempering().tempered().cliName());
        out.put("swapEvery", rx.tempering().swapEvery());
        List<Double> temps = new ArrayList<>();
        for (int k = 0; k < rx.rungs(); k++) {
            temps.add(rx.tempering().ladder().temperature(k));
        }
        out.put("temperatures", temps);
        List<Map<String, Object>> nets = new ArrayList<>();
        for (int m = 0; m < rx.networks(); m++) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("network", globalIndex[m]);
            List<Double> acc = new ArrayList<>();
            List<Double> step = new ArrayList<>();
            for (int k = 0; k < rx.rungs(); k++) {
                acc.add(mala.acceptance(k * rx.networks() + m));
                step.add(mala.stepScale(k * rx.networks() + m));
            }
            List<Double> swaps = new ArrayList<>();
            for (int k = 0; k + 1 < rx.rungs(); k++) {
                swaps.add(rx.swapAcceptance(m, k));
            }
            n.put("acceptanceByReplica", acc);
            if (t.jumps() != null) {
                List<Double> jumps = new ArrayList<>();
                for (int k = 0; k < rx.rungs(); k++) {
                    double a = t.jumps().acceptance(k * rx.networks() + m);
                    jumps.add(Double.isNaN(a) ? 0.0 : a);
                }
                n.put("jumpAcceptanceByReplica", jumps);
            }
            n.put("stepScaleByReplica", step);
            n.put("swapAcceptanceByPair", swaps);
            nets.add(n);
        }
        out.put("networks", nets);
        out.put("note", String.format(Locale.ROOT, "rung k has temperature T_max^(k/(R-1)), T_max = %s; only rung 0 (T = 1) is observed",
                rx.tempering().maxTemperature()));
        return out;
    }
}
