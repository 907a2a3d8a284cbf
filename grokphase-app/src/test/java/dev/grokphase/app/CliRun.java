package dev.grokphase.app;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the tool in-process and captures exit code, stdout and stderr, for command tests. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GrokphaseCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
