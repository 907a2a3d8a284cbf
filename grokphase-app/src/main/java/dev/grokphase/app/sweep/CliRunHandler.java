package dev.grokphase.app.sweep;

import dev.grokphase.app.GrokphaseCli;
import dev.grokphase.app.cli.VersionProvider;
import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.io.AtomicFiles;
import dev.grokphase.io.Json;
import dev.grokphase.sweep.RunDescription;
import dev.grokphase.sweep.RunHandler;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Performs a run by executing the tool's own command in-process:
 * <ul>
 *   <li>{@code theory ...}: the command with {@code --format csv} (unless the config names a
 *       format: {@code jsonl} for per-point arrays such as −log p(q)); its output is written to
 *       {@code theory.csv} or {@code theory.jsonl} next to a {@code manifest.json} (command, config,
 *       status, timings), so a theory curve is a run directory like any other;</li>
 *   <li>{@code train ...}: the command with {@code --out <dir>} (plus {@code --resume} for an
 *       interrupted run); the run layer writes the directory itself.</li>
 * </ul>
 * Registered through {@code META-INF/services}, so the Spark executor finds it on its class path.
 */
public final class CliRunHandler implements RunHandler {

    /** Output-directory option of the train commands (run layer). */
    static final String OUT_OPTION = "--out";
    /** Resume flag of the train commands (run layer). */
    static final String RESUME_OPTION = "--resume";

    @Override
    public boolean supports(String command) {
        return command.startsWith("theory ") || command.startsWith("train ");
    }

    @Override
    public void execute(RunDescription run, Path dir, boolean resume) {
        if (run.command().startsWith("theory ")) {
            theory(run, dir);
        } else {
            train(run, dir, resume);
        }
    }

    private void theory(RunDescription run, Path dir) {
        long t0 = System.nanoTime();
        String started = Instant.now().toString();
        List<String> args = new ArrayList<>(run.toArgs());
        String format = run.config().containsKey("format") ? String.valueOf(run.config().get("format")) : "csv";
        if (!run.config().containsKey("format")) {
            args.add("--format");
            args.add("csv");
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GrokphaseCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("command", run.command());
        manifest.put("config", run.config());
        manifest.put("arguments", args);
        manifest.put("startedAt", started);
        manifest.put("finishedAt", Instant.now().toString());
        manifest.put("wallSeconds", (System.nanoTime() - t0) * 1e-9);
        manifest.put("javaVersion", System.getProperty("java.version"));
        manifest.put("osArch", System.getProperty("os.arch"));
        manifest.put("grokphaseVersion", VersionProvider.version());
        manifest.put("gitCommit", VersionProvider.gitCommit());
        if (code == 0) {
            AtomicFiles.writeString(dir.resolve("jsonl".equals(format) ? "theory.jsonl" : "theory.csv"), out.toString());
            if (!err.toString().isBlank()) AtomicFiles.writeString(dir.resolve("theory.log"), err.toString());
            manifest.put("status", "completed");
            AtomicFiles.writeString(dir.resolve("manifest.json"), Json.pretty(manifest) + "\n");
        } else {
            manifest.put("status", "failed");
            manifest.put("error", firstLine(err.toString()));
            AtomicFiles.writeString(dir.resolve("manifest.json"), Json.pretty(manifest) + "\n");
            throw new GrokphaseException(ErrorCode.INVALID_VALUE, String.join(" ", run.toArgs()) + ": " + firstLine(err.toString()));
        }
    }

    private void train(RunDescription run, Path dir, boolean resume) {
        List<String> args = new ArrayList<>(run.toArgs());
        args.add(OUT_OPTION);
        args.add(dir.toString());
        if (!run.config().containsKey("progress")) {
            // The log keeps what the run printed; progress lines carry rates and times, which differ run to run.
            args.add("--progress");
            args.add("none");
        }
        if (resume) args.add(RESUME_OPTION);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GrokphaseCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        String log = "$ grokphase " + String.join(" ", args) + "\n" + out + err;
        AtomicFiles.writeString(dir.resolve("grokphase.log"), log);
        if (code != 0) {
            throw new GrokphaseException(code == 2 ? ErrorCode.INVALID_VALUE : ErrorCode.IO,
                    String.join(" ", run.toArgs()) + ": " + firstLine(err.toString()));
        }
    }

    static String firstLine(String s) {
        for (String l : s.split("\n")) {
            if (!l.isBlank()) return l.strip().replaceFirst("^grokphase: (error: )?", "");
        }
        return "failed without a message";
    }
}
