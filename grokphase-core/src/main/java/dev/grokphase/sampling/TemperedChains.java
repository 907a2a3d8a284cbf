package dev.grokphase.sampling;

import dev.grokphase.random.RandomStream;
import dev.grokphase.random.SeedTree;

/**
 * Replica exchange of MALA chains on one {@link Target}: chain k samples exp(−β_k U) on the
 * {@link TemperatureLadder}; every {@code swapEvery} steps a {@link ReplicaExchange} round exchanges
 * neighbouring states. Chain 0 (β = 1) samples the target. Chain k draws from
 * {@code seeds.child("replica", k).stream("mala")}, the swaps from {@code seeds.stream("swap")}.
 */
public final class TemperedChains {

    private final MalaChain[] chains;
    private final ReplicaExchange exchange;
    private final int swapEvery;
    private final double[] energies;
    private long steps;

    public TemperedChains(Target target, double[] start, double[] precondition, TemperatureLadder ladder,
                          double stepScale, double targetAcceptance, long adaptSteps, int swapEvery, SeedTree seeds) {
        if (swapEvery < 1) {
            throw new IllegalArgumentException("swapEvery must be >= 1: " + swapEvery);
        }
        this.chains = new MalaChain[ladder.size()];
        for (int k = 0; k < chains.length; k++) {
            RandomStream rng = seeds.child("replica", k).stream("mala");
            chains[k] = new MalaChain(target, start, precondition, ladder.beta(k),
                    new StepAdapter(stepScale, targetAcceptance, adaptSteps), rng);
        }
        this.exchange = new ReplicaExchange(ladder, seeds.stream("swap"));
        this.swapEvery = swapEvery;
        this.energies = new double[chains.length];
    }

    /** One MALA step of every chain, then a swap round when due. */
    public void step() {
        for (MalaChain c : chains) {
            c.step();
        }
        steps++;
        if (steps % swapEvery == 0 && chains.length > 1) {
            for (int k = 0; k < chains.length; k++) {
                energies[k] = chains[k].energy();
            }
            exchange.round(energies, (i, j) -> chains[i].exchangeState(chains[j]));
        }
    }

    public MalaChain chain(int k) {
        return chains[k];
    }

    public ReplicaExchange exchange() {
        return exchange;
    }
}
