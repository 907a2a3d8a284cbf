package dev.grokphase.train;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.random.RandomStream;
import dev.grokphase.random.SeedTree;
import dev.grokphase.sampling.ReplicaExchange;
import dev.grokphase.sampling.TemperatureLadder;
import dev.grokphase.task.Dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replica exchange as a driver above the MALA step (DESIGN.md, "the training step as parts"):
 * M networks × R rungs of a {@link TemperingConfig} ladder are stacked in one MALA {@link Trainer}
 * (member k·M + m is network m at rung k, so one pair of matrix products per step serves every
 * replica, on every BLAS thread of the run); rung k samples exp(−β_k L − β'_k P). Every
 * {@code swapEvery} steps each network's rungs exchange states by {@link ReplicaExchange}, using
 * the exact energies of the accepted states that MALA carries (which is why tempering is built on
 * MALA and not on the unadjusted step, whose state has no exact energy at no cost). Members
 * 0..M−1 always hold the β = 1 states: the only ones observed.
 *
 * <p>Seeds: network m's rung 0 is initialised and driven exactly as without tempering
 * ({@code networks.get(m)}); rung k ≥ 1 from {@code networks.get(m).child("replica", k)}; the swaps
 * of network m from {@code networks.get(m).stream("swap")}.
 */
public final class ReplicaExchangeTrainer {

    private final Trainer trainer;
    private final MalaChains mala;
    private final TemperingConfig tempering;
    private final ReplicaExchange[] exchanges;
    private final int networks;
    private final int rungs;
    private final double[] energies;

    public ReplicaExchangeTrainer(TrainingConfig config, TemperingConfig tempering, Dataset data, List<SeedTree> networks) {
        this(Trainer.create(requireMala(config, tempering), data, stacked(networks, tempering.replicas())), tempering,
                swapStreams(networks));
    }

    /**
     * Wraps an already built MALA trainer of M·R members (member k·M + m = network m at rung k), with
     * one swap stream per network; sets each member's inverse temperatures.
     */
    public ReplicaExchangeTrainer(Trainer stacked, TemperingConfig tempering, List<RandomStream> swapStreams) {
        requireMala(stacked.config(), tempering);
        this.tempering = tempering;
        this.rungs = tempering.replicas();
        this.networks = swapStreams.size();
        if (stacked.members() != networks * rungs) {
            throw new IllegalArgumentException("need " + networks + " x " + rungs + " members, got " + stacked.members());
        }
        this.trainer = stacked;
        this.mala = trainer.mala();
        for (int k = 0; k < rungs; k++) {
            for (int m = 0; m < networks; m++) {
                mala.setInverseTemperature(k * networks + m, tempering.betaTempered(k), tempering.betaGaussianPrior(k));
            }
        }
        TemperatureLadder ladder = tempering.ladder();
        this.exchanges = new ReplicaExchange[networks];
        for (int m = 0; m < networks; m++) {
            exchanges[m] = new ReplicaExchange(ladder, swapStreams.get(m));
        }
        this.energies = new double[rungs];
    }

    private static TrainingConfig requireMala(TrainingConfig config, TemperingConfig tempering) {
        if (!(config.optimizer() instanceof MalaConfig)) {
            throw GrokphaseException.invalid("--replicas", tempering.replicas(),
                    "replica exchange needs --sampler mala (the swap uses the exact energy of each accepted state)");
        }
        return config;
    }

    /** The seed trees of the stacked members: rung 0 = the networks' own, rung k = child("replica", k). */
    public static List<SeedTree> stacked(List<SeedTree> networks, int rungs) {
        List<SeedTree> all = new ArrayList<>();
        for (int k = 0; k < rungs; k++) {
            for (SeedTree t : networks) {
                all.add(k == 0 ? t : t.child("replica", k));
            }
        }
        return all;
    }

    /** One swap stream per network: {@code stream("swap")} of its seed tree. */
    public static List<RandomStream> swapStreams(List<SeedTree> networks) {
        List<RandomStream> out = new ArrayList<>();
        for (SeedTree t : networks) {
            out.add(t.stream("swap"));
        }
        return out;
    }

    /** One MALA step of every replica, then an exchange round when due. */
    public void step() {
        trainer.step();
        if (rungs > 1 && trainer.steps() % tempering.swapEvery() == 0) {
            boolean whole = tempering.tempered() == TemperingConfig.Tempered.POSTERIOR;
            for (int m = 0; m < networks; m++) {
                for (int k = 0; k < rungs; k++) {
                    int member = k * networks + m;
                    // the part of U that β multiplies
                    energies[k] = mala.energy(member) - (whole ? 0 : mala.gaussianPriorEnergy(member));
                }
                int net = m;
                exchanges[m].round(energies, (i, j) -> mala.exchange(i * networks + net, j * networks + net));
            }
        }
    }

    public void run(long count) {
        for (long t = 0; t < count; t++) {
            step();
        }
    }

    public long steps() {
        return trainer.steps();
    }

    /** The observed networks (the β = 1 rung). */
    public int networks() {
        return networks;
    }

    public int rungs() {
        return rungs;
    }

    public TemperingConfig tempering() {
        return tempering;
    }

    /** The stacked MALA trainer: member k·M + m is network m at rung k. */
    public Trainer trainer() {
        return trainer;
    }

    /** Swap acceptance of network m's pair (k, k+1). */
    public double swapAcceptance(int network, int pair) {
        return exchanges[network].acceptance(pair);
    }

    public TrainerState saveState() {
        TrainerState s = trainer.saveState();
        Map<String, long[]> longs = new LinkedHashMap<>(s.longs());
        for (int m = 0; m < networks; m++) {
            longs.put("rx." + m, exchanges[m].state());
        }
        return new TrainerState(s.doubles(), s.floats(), longs);
    }

    public void restoreState(TrainerState s) {
        trainer.restoreState(s);
        for (int m = 0; m < networks; m++) {
            long[] st = s.longs().get("rx." + m);
            if (st == null) {
                throw GrokphaseException.invalid("checkpoint", "rx." + m, "missing: the checkpoint is not from a replica-exchange run");
            }
            try {
                exchanges[m].setState(st);
            } catch (IllegalArgumentException e) {
                throw GrokphaseException.invalid("checkpoint", "rx." + m, "of the wrong length for " + rungs + " replicas");
            }
        }
    }
}
