package dev.grokphase.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.grokphase.io.Json;
import dev.grokphase.sweep.PlannedRun;
import dev.grokphase.sweep.RunStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One run directory as the report sees it (run directory contract of TRAINING-CONTRACT.md):
 * manifest, summary, metrics, observables, and for theory runs the {@code theory.csv} table.
 * Files are read lazily and cached; a missing file is an empty Optional, never an exception.
 */
public final class RunData {

    private final Path dir;
    private final PlannedRun planned;
    private JsonNode manifest;
    private JsonNode summary;
    private final Map<String, Optional<CsvTable>> tables = new LinkedHashMap<>();
    private JsonNode equilibration;
    private String sweepError = "";

    public RunData(Path dir, PlannedRun planned) {
        this.dir = dir;
        this.planned = planned;
    }

    /** The error the last sweep recorded for this run (summary.csv), or empty. */
    public String sweepError() {
        return sweepError;
    }

    void sweepError(String e) {
        sweepError = e == null ? "" : e;
    }

    public Path dir() {
        return dir;
    }

    /** The planned run this directory belongs to, or null for a directory given on its own. */
    public PlannedRun planned() {
        return planned;
    }

    public RunStatus status() {
        return RunStatus.of(dir);
    }

    public JsonNode manifest() {
        if (manifest == null) manifest = readJson(dir.resolve("manifest.json"));
        return manifest;
    }

    public JsonNode summary() {
        if (summary == null) summary = readJson(dir.resolve("summary.json"));
        return summary;
    }

    public JsonNode equilibration() {
        if (equilibration == null) equilibration = readJson(dir.resolve("observables").resolve("equilibration.json"));
        return equilibration;
    }

    public String command() {
        if (planned != null) return planned.run().command();
        return manifest().path("command").asText("");
    }

    /**
     * A config value: from the plan when known, else from the manifest. Commands spell options
     * either camelCase ({@code sigmaA2}) or kebab-case ({@code sigma-a2}); both spellings are tried.
     */
    public Object config(String key) {
        for (String k : java.util.List.of(key, kebab(key), camel(key))) {
            if (planned != null && planned.run().config().containsKey(k)) return planned.run().config().get(k);
            JsonNode n = manifest().path("config").path(k);
            if (!n.isMissingNode() && !n.isNull()) return n.isNumber() ? (Object) n.doubleValue() : n.asText();
        }
        return null;
    }

    /** sigmaA2 -> sigma-a2, nTest -> n-test; single-letter keys (N, P) unchanged. */
    static String kebab(String key) {
        if (key.length() <= 1) return key;
        StringBuilder sb = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (Character.isUpperCase(c) && sb.length() > 0) sb.append('-').append(Character.toLowerCase(c));
            else sb.append(c);
        }
        return sb.toString();
    }

    /** sigma-a2 -> sigmaA2. */
    static String camel(String key) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : key.toCharArray()) {
            if (c == '-') up = true;
            else { sb.append(up ? Character.toUpperCase(c) : c); up = false; }
        }
        return sb.toString();
    }

    public double configNumber(String key) {
        Object v = config(key);
        if (v instanceof Number num) return num.doubleValue();
        if (v instanceof String s) return CsvTable.number(s);
        return Double.NaN;
    }

    /** A tag of the planned run (e.g. beta), or a config value of the same name. */
    public Object tag(String key) {
        if (planned != null && planned.tags().containsKey(key)) return planned.tags().get(key);
        return config(key);
    }

    public double summaryNumber(String key) {
        JsonNode n = summary().path(key);
        return n.isNumber() ? n.doubleValue() : Double.NaN;
    }

    public double summaryStd(String key) {
        JsonNode n = summary().path("std").path(key);
        return n.isNumber() ? n.doubleValue() : Double.NaN;
    }

    /**
     * {mean, standard error} of a logged observable over the equilibration window (observables/
     * equilibration.json: ensemble and time average, error with the autocorrelation time), or, for a
     * run written without that file, the final step's ensemble mean with std/√networks; null if
     * neither has a number. Equilibrium figures use this: a final-step snapshot of a fluctuating
     * count (the droplet fraction) is one sample, not the equilibrium value.
     */
    public double[] windowMean(String column, String summaryKey) {
        JsonNode eq = equilibration();
        if (eq != null && eq.path(column).path("mean").isNumber()) {
            JsonNode c = eq.path(column);
            return new double[] {c.path("mean").asDouble(), c.path("standardError").asDouble(0)};
        }
        double v = summaryNumber(summaryKey);
        if (!Double.isFinite(v)) return null;
        double s = summaryStd(summaryKey);
        double nets = summaryNumber("networks");
        return new double[] {v, Double.isFinite(s) && nets > 0 ? s / Math.sqrt(nets) : 0.0};
    }

    public Optional<CsvTable> metrics() {
        return table("metrics.csv");
    }

    public Optional<CsvTable> theory() {
        return table("theory.csv");
    }

    /** The rows of {@code theory.jsonl} (theory runs asked for jsonl: per-point arrays), or empty. */
    public java.util.List<JsonNode> theoryRows() {
        Path p = dir.resolve("theory.jsonl");
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        if (!Files.isRegularFile(p)) return out;
        try {
            for (String line : Files.readAllLines(p)) {
                if (!line.isBlank()) out.add(Json.MAPPER.readTree(line));
            }
        } catch (IOException e) {
            return new java.util.ArrayList<>();
        }
        return out;
    }

    public Optional<CsvTable> observable(String name) {
        return table("observables/" + name);
    }

    private Optional<CsvTable> table(String rel) {
        return tables.computeIfAbsent(rel, r -> {
            Path p = dir.resolve(r);
            if (!Files.isRegularFile(p)) return Optional.empty();
            try {
                return Optional.of(CsvTable.read(p));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    static JsonNode readJson(Path p) {
        if (!Files.isRegularFile(p)) return MissingNode.getInstance();
        try {
            return Json.MAPPER.readTree(p.toFile());
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
