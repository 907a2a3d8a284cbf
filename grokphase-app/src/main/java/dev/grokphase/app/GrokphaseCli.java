package dev.grokphase.app;

import dev.grokphase.app.cli.CommandListRenderer;
import dev.grokphase.app.cli.CompletionCommand;
import dev.grokphase.app.cli.HelpCommand;
import dev.grokphase.app.cli.ReportCommand;
import dev.grokphase.app.cli.ReproduceCommand;
import dev.grokphase.app.cli.SweepCommand;
import dev.grokphase.app.cli.TheoryCommand;
import dev.grokphase.app.cli.TrainCommand;
import dev.grokphase.app.cli.VersionProvider;
import dev.grokphase.error.GrokphaseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * Entry point of the {@code grokphase} tool. Only {@link #main} calls {@code System.exit}; tests
 * call {@link #execute} and read the exit code and the captured output.
 *
 * <p>Exit codes: 0 success, 1 internal error (a bug: please report), 2 bad input or a failure
 * the user can act on (one line on stderr naming the parameter, value and allowed range).
 */
@Command(name = "grokphase",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Adaptive-kernel theory and Langevin/SGD/AdamW experiments for grokking in two-layer networks "
                        + "(Rubin, Seroussi, Ringel, ICLR 2024): phases GFL, GMFL-I, GMFL-II, side by side with trained networks.",
                "Help of any command: grokphase help COMMAND [SUBCOMMAND], e.g. grokphase help train cubic."},
        subcommands = {
                TheoryCommand.class,
                TrainCommand.class,
                SweepCommand.class,
                ReportCommand.class,
                ReproduceCommand.class,
                CompletionCommand.class,
                HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:internal error (a bug; rerun with GROKPHASE_DEBUG=1 for the stack trace)",
                "2:bad input, or a failure the message explains"})
public final class GrokphaseCli implements Runnable {

    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw missingSubcommand(spec);
    }

    /**
     * A command group called without a subcommand: the usage goes to stdout, and the error (one
     * line on stderr, exit 2) names the subcommands.
     */
    public static CommandLine.ParameterException missingSubcommand(CommandLine.Model.CommandSpec spec) {
        CommandLine cl = spec.commandLine();
        cl.usage(cl.getOut());
        cl.getOut().flush();
        return new CommandLine.ParameterException(cl, "missing subcommand; choose one of: "
                + String.join(", ", cl.getSubcommands().keySet()));
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the tool with the given streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new GrokphaseCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        // Integers read the same on the command line as in config files and specs: 1000 or 1e3, never 2.5.
        cl.registerConverter(Integer.class, v -> (int) integerValue(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
        cl.registerConverter(Integer.TYPE, v -> (int) integerValue(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
        cl.registerConverter(Long.class, v -> integerValue(v, Long.MIN_VALUE, Long.MAX_VALUE));
        cl.registerConverter(Long.TYPE, v -> integerValue(v, Long.MIN_VALUE, Long.MAX_VALUE));
        cl.setParameterExceptionHandler(GrokphaseCli::handleParameterException);
        cl.setExecutionExceptionHandler(GrokphaseCli::handleExecutionException);
        CommandListRenderer.install(cl);
        return cl;
    }

    private static long integerValue(String text, long min, long max) {
        try {
            return dev.grokphase.app.train.OptionValues.integer("value", text, min, max);
        } catch (GrokphaseException e) {
            // picocli names the option: "Invalid value for option '--steps': '2.5' is not an integer in [...]"
            throw new CommandLine.TypeConversionException("'" + text + "' is not an integer in [" + min + ", " + max + "]");
        }
    }

    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        Throwable cause = ex.getCause();
        // A GrokphaseException thrown by a type converter already names parameter, value and range.
        String message = cause instanceof GrokphaseException ? cause.getMessage() : ex.getMessage();
        // picocli prefixes some messages with "Error: " (mutually exclusive options): ours already says error.
        message = oneLine(message).replaceFirst("^Error: ", "");
        err.println("grokphase: error: " + message + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        return EXIT_USAGE;
    }

    private static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        GrokphaseException user = findUserError(ex);
        if (System.getenv("GROKPHASE_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        if (user != null) {
            err.println("grokphase: error: " + oneLine(user.getMessage()));
            return EXIT_USAGE;
        }
        err.println("grokphase: internal error: " + oneLine(String.valueOf(ex))
                + " (rerun with GROKPHASE_DEBUG=1 for the stack trace)");
        return 1;
    }

    private static GrokphaseException findUserError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof GrokphaseException g) {
                return g;
            }
        }
        return null;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
