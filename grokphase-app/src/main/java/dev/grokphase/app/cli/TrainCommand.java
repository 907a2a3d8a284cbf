package dev.grokphase.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code grokphase train}: train the paper's networks (Langevin to equilibrium, SGD/AdamW in time). */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = "Train two-layer networks with Langevin dynamics, SGD or AdamW and record the observables.",
        subcommands = {TrainCubicCommand.class, TrainModularCommand.class})
public final class TrainCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw dev.grokphase.app.GrokphaseCli.missingSubcommand(spec);
    }
}
