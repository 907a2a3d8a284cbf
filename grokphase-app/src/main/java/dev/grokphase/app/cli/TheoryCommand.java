package dev.grokphase.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code grokphase theory}: the adaptive-kernel theory of the paper's two models. */
@Command(name = "theory",
        mixinStandardHelpOptions = true,
        description = "Solve the adaptive-kernel (mean-field) theory: phases, transitions, order parameters.",
        subcommands = {TheoryCubicCommand.class, TheoryModularCommand.class, TheoryAkCommand.class})
public final class TheoryCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw dev.grokphase.app.GrokphaseCli.missingSubcommand(spec);
    }
}
