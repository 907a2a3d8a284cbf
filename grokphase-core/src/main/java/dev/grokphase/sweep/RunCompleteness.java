package dev.grokphase.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.experiment.LogSchedule;
import dev.grokphase.io.Json;
import dev.grokphase.store.MetricsCsv;
import dev.grokphase.store.RunDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Whether a run whose manifest says {@code completed} really holds its results: a status alone
 * is not trusted, since files can be deleted, cut short or written twice after the manifest.
 * <ul>
 *   <li>training runs: {@code summary.json} and {@code observables/equilibration.json} parse,
 *       every CSV under {@code observables/} ends in a complete line, and {@code metrics.csv}
 *       holds exactly the logged rows ({@link MetricsCsv#problem}: every log step of the
 *       manifest's schedule up to the summary's last step, each with every network, once);</li>
 *   <li>theory runs: {@code theory.csv} (a header and at least one row) or {@code theory.jsonl}
 *       (at least one line), ending in a complete line.</li>
 * </ul>
 */
public final class RunCompleteness {

    private RunCompleteness() {
    }

    /** The first missing or damaged part of a completed run, in words; null when it is complete. */
    public static String problem(Path dir) {
        JsonNode manifest;
        try {
            manifest = Json.MAPPER.readTree(dir.resolve(RunDirectory.MANIFEST).toFile());
        } catch (IOException e) {
            return RunDirectory.MANIFEST + " is unreadable";
        }
        String command = manifest.path("command").asText("");
        return command.startsWith("theory ") ? theoryProblem(dir) : trainingProblem(dir, manifest);
    }

    private static String theoryProblem(Path dir) {
        Path csv = dir.resolve("theory.csv");
        Path jsonl = dir.resolve("theory.jsonl");
        if (Files.isRegularFile(csv)) {
            String s = completeLines(csv);
            if (s != null) {
                return s;
            }
            return lineCount(csv) < 2 ? "theory.csv has no rows" : null;
        }
        if (Files.isRegularFile(jsonl)) {
            String s = completeLines(jsonl);
            return s != null ? s : lineCount(jsonl) < 1 ? "theory.jsonl is empty" : null;
        }
        return "theory.csv is missing";
    }

    private static String trainingProblem(Path dir, JsonNode manifest) {
        JsonNode summary;
        try {
            summary = Json.MAPPER.readTree(dir.resolve(RunDirectory.SUMMARY).toFile());
        } catch (IOException e) {
            return RunDirectory.SUMMARY + (Files.exists(dir.resolve(RunDirectory.SUMMARY)) ? " is damaged" : " is missing");
        }
        Path obs = dir.resolve(RunDirectory.OBSERVABLES);
        try {
            Json.MAPPER.readTree(obs.resolve("equilibration.json").toFile());
        } catch (IOException e) {
            return "observables/equilibration.json is missing or damaged";
        }
        try (Stream<Path> s = Files.list(obs)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                String bad = completeLines(p);
                if (bad != null) {
                    return "observables/" + bad;
                }
            }
        } catch (IOException e) {
            return "observables/ is unreadable";
        }
        JsonNode config = manifest.path("config");
        long steps = config.path("steps").asLong(-1);
        // The networks as the manifest records them (seeds.networks), in the order they are logged.
        JsonNode recorded = manifest.path("seeds").path("networks");
        long[] networks = new long[recorded.size()];
        for (int j = 0; j < networks.length; j++) {
            networks[j] = recorded.get(j).path("network").asLong(j);
        }
        if (steps <= 0 || networks.length == 0) {
            return Files.isRegularFile(dir.resolve(RunDirectory.METRICS)) ? null : "metrics.csv is missing";
        }
        LogSchedule schedule = new LogSchedule(steps, config.path("logPoints").asInt(60), config.path("logEvery").asLong(0));
        long last = summary.path("steps").asLong(steps);
        return MetricsCsv.problem(dir.resolve(RunDirectory.METRICS), schedule.steps(), networks, last);
    }

    /** Null when the file is non-empty and ends with a newline; else the problem. */
    private static String completeLines(Path p) {
        try {
            long size = Files.size(p);
            if (size == 0) {
                return p.getFileName() + " is empty";
            }
            try (var ch = java.nio.channels.FileChannel.open(p)) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
                ch.read(b, size - 1);
                return b.get(0) == '\n' ? null : p.getFileName() + " ends in a partial line";
            }
        } catch (IOException e) {
            return p.getFileName() + " is unreadable";
        }
    }

    private static long lineCount(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return s.filter(l -> !l.isBlank()).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
