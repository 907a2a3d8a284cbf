package dev.grokphase.app.sweep;

import dev.grokphase.app.GrokphaseCli;
import dev.grokphase.app.report.FigureBuilders;
import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.sweep.Computation;
import dev.grokphase.sweep.ExperimentSpec;
import dev.grokphase.sweep.FigureSpec;
import dev.grokphase.sweep.PlannedRun;
import dev.grokphase.sweep.RunHandlers;
import dev.grokphase.sweep.Scale;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a spec completely before a sweep writes or runs anything: every computation names a
 * command of the tool, no config key is one the sweep sets itself ({@code out}, {@code resume},
 * {@code config}), every planned run at the scale parses and passes the command's own validation
 * ({@link ValidationOnly}), and every figure kind exists. A problem is one line naming the spec
 * file and the key path, e.g. {@code spec my.yaml: training[0].config.sigma2: --sigma2 = -1.0 is
 * out of range: allowed (0, inf)}.
 */
public final class SpecValidation {

    /** Keys a spec may not set: the sweep chooses the run directory and the resume itself. */
    static final Set<String> RESERVED = Set.of("out", "resume", "config");

    /** Run handlers on the class path (services) other than the CLI's own: commands beyond the CLI's, e.g. a test's. */
    private static final RunHandlers PLUGINS = new RunHandlers(java.util.ServiceLoader.load(dev.grokphase.sweep.RunHandler.class,
                    SpecValidation.class.getClassLoader()).stream()
            .filter(p -> p.type() != CliRunHandler.class).map(java.util.ServiceLoader.Provider::get).toList());

    private SpecValidation() {
    }

    /** @param file how the spec is named in messages (its file name, or the built-in id + .yaml) */
    public static void validate(ExperimentSpec spec, Scale scale, String file) {
        Set<String> commands = leafCommands();
        check(spec.theory(), "theory", spec, scale, file, commands);
        check(spec.training(), "training", spec, scale, file, commands);
        Set<String> kinds = FigureBuilders.kinds();
        for (int i = 0; i < spec.figures().size(); i++) {
            FigureSpec f = spec.figures().get(i);
            if (!kinds.contains(f.kind())) {
                throw error(file, "figures[" + i + "].kind", "unknown figure kind '" + f.kind() + "'; allowed: "
                        + String.join(", ", new TreeSet<>(kinds)));
            }
        }
    }

    private static void check(List<Computation> list, String section, ExperimentSpec spec, Scale scale, String file,
                              Set<String> commands) {
        for (int i = 0; i < list.size(); i++) {
            Computation c = list.get(i);
            String at = section + "[" + i + "]";
            boolean cli = commands.contains(c.command());
            if (!cli && !PLUGINS.supports(c.command())) {
                throw error(file, at + ".command", "unknown command '" + c.command() + "'; allowed: " + String.join(", ", commands));
            }
            List<PlannedRun> runs = c.expand(spec.id(), scale);
            for (PlannedRun run : runs) {
                for (String key : run.run().config().keySet()) {
                    if (RESERVED.contains(key)) {
                        throw error(file, at + "." + where(c, scale, key),
                                "'" + key + "' is set by the sweep (each run goes to OUT/runs/<key>); remove it");
                    }
                }
                String problem = cli ? validateRun(run) : null; // a plug-in handler's command validates itself
                if (problem != null) {
                    String key = keyNamed(run.run().config().keySet(), problem);
                    throw error(file, at + (key == null ? "" : "." + where(c, scale, key)),
                            problem + (runs.size() > 1 ? " (run " + run.index() + " at scale " + scale.id() + ")" : ""));
                }
            }
        }
    }

    /** Null when the command accepts the run's options; else its one-line error. */
    static String validateRun(PlannedRun run) {
        List<String> args = new ArrayList<>(run.run().toArgs());
        StringWriter err = new StringWriter();
        int code = ValidationOnly.run(() -> GrokphaseCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                args.toArray(String[]::new)));
        if (code == 0) {
            return null;
        }
        String line = err.toString().lines().filter(l -> !l.isBlank()).findFirst().orElse("rejected (exit " + code + ")");
        return line.replaceFirst("^grokphase: (error: )?", "").replaceFirst(" \\(see '[^']*--help'\\)$", "");
    }

    /** The config key an error message is about: the first option it names that the run sets. */
    private static String keyNamed(Set<String> keys, String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'?--([A-Za-z][A-Za-z0-9-]*)").matcher(message);
        while (m.find()) {
            if (keys.contains(m.group(1))) {
                return m.group(1);
            }
        }
        return null;
    }

    /** Where in the computation a key is set: a scale override, the config, the grid or a point. */
    private static String where(Computation c, Scale scale, String key) {
        Computation.Override o = c.scales().get(scale);
        if (o != null && o.config() != null && o.config().containsKey(key)) {
            return "scales." + scale.id() + ".config." + key;
        }
        if (o != null && o.grid() != null && o.grid().containsKey(key)) {
            return "scales." + scale.id() + ".grid." + key;
        }
        if (c.grid().containsKey(key)) {
            return "grid." + key;
        }
        List<Map<String, Object>> points = o != null && o.points() != null ? o.points() : c.points();
        for (int j = 0; j < points.size(); j++) {
            if (points.get(j).containsKey(key)) {
                return (o != null && o.points() != null ? "scales." + scale.id() + "." : "") + "points[" + j + "]." + key;
            }
        }
        return "config." + key;
    }

    private static Set<String> leafCommands() {
        Set<String> out = new TreeSet<>();
        CommandLine root = GrokphaseCli.commandLine();
        for (String group : List.of("theory", "train")) {
            for (String leaf : root.getSubcommands().get(group).getSubcommands().keySet()) {
                out.add(group + " " + leaf);
            }
        }
        return out;
    }

    private static GrokphaseException error(String file, String path, String what) {
        return new GrokphaseException(ErrorCode.INVALID_VALUE, "spec " + file + ": " + path + ": " + what);
    }
}
