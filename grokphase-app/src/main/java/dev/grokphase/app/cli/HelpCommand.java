package dev.grokphase.app.cli;

import dev.grokphase.error.GrokphaseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code grokphase help [COMMAND [SUBCOMMAND...]]}: the usage help of the command at that path,
 * e.g. {@code help train cubic}. picocli's own help command looks only at its first argument, so
 * {@code help train cubic} printed the help of {@code train}.
 */
@Command(name = "help", helpCommand = true,
        description = "Show the help of a command, e.g. 'grokphase help train cubic'.")
public final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command path, e.g. 'train cubic'.")
    List<String> path = List.of();

    private CommandLine self;
    private PrintWriter out;
    private CommandLine.Help.ColorScheme colors;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        StringBuilder walked = new StringBuilder(target.getCommandName());
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                throw GrokphaseException.outOfRange("COMMAND", walked + " " + name,
                        "a subcommand of '" + walked + "': " + String.join(", ", target.getSubcommands().keySet()));
            }
            walked.append(' ').append(name);
            target = next;
        }
        target.usage(out, colors);
    }
}
