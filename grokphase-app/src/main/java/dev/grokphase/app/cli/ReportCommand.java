package dev.grokphase.app.cli;

import dev.grokphase.app.report.ReportInputs;
import dev.grokphase.app.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code grokphase report DIR...}: one self-contained HTML page with every figure and table. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write one self-contained HTML report (figures inline, no network needed) from sweeps and runs.",
                "DIR may be a sweep root (e.g. reproduce-out), a sweep directory, a run directory, or a directory of runs."})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Directories to report on.")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "FILE", description = "The HTML file to write. Default: report.html in the first DIR.")
    Path out;

    @Option(names = "--figures", paramLabel = "DIR", description = "Also write each figure as PNG, SVG and PDF into DIR, its caption beside it as .txt and .tex.")
    Path figures;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "grokphase report",
            description = "Page title. Default: ${DEFAULT-VALUE}.")
    String title;

    @Override
    public Integer call() {
        Path html = out != null ? out : dirs.get(0).resolve("report.html");
        ReportInputs.Inputs inputs = ReportInputs.find(dirs);
        for (String warning : inputs.warnings()) {
            spec.commandLine().getErr().println("grokphase: warning: " + warning);
        }
        ReportWriter.Written w = new ReportWriter().write(inputs, html, figures, title);
        var o = spec.commandLine().getOut();
        o.println("report: " + w.html().toAbsolutePath() + " (" + w.figures() + " figures"
                + (w.notEquilibrated() > 0 ? ", " + w.notEquilibrated() + " run(s) not equilibrated" : "") + ")");
        o.flush();
        return 0;
    }
}
