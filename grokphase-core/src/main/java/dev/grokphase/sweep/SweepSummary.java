package dev.grokphase.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.io.AtomicFiles;
import dev.grokphase.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The summary table of a sweep: one row per run with its place in the spec, its status, its tags
 * and config (prefixed {@code tag.} and {@code config.}) and the scalar entries of its
 * {@code summary.json} (prefixed {@code summary.}, nested keys joined by '.'), and for a theory run
 * its result: {@code theory.rows} (the rows of its {@code theory.csv}) and, when that is one row
 * (a {@code --transition} point, a single σ²), each of its columns as {@code theory.<column>}; a
 * scan's rows stay in the run's theory.csv (python/grokphase joins them). CSV with a header,
 * {@code Locale.ROOT} numbers, empty cells for missing values: {@code pandas.read_csv} in one line.
 * {@code skipped} is true for a run that was done before this invocation (by an earlier sweep, a
 * SLURM array task, another executor); its {@code wallSeconds} is then the time its manifest
 * records, so the table shows what each run cost wherever it ran.
 */
public final class SweepSummary {

    private SweepSummary() {
    }

    public static void write(Path csv, List<RunResult> results) {
        List<Map<String, String>> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>(List.of("spec", "computation", "index", "command", "key", "status",
                "skipped", "resumed", "wallSeconds", "error"));
        Set<String> tagCols = new LinkedHashSet<>();
        Set<String> cfgCols = new java.util.TreeSet<>();
        Set<String> sumCols = new java.util.TreeSet<>();
        Set<String> theoryCols = new LinkedHashSet<>();
        for (RunResult r : results) {
            Map<String, String> row = new LinkedHashMap<>();
            PlannedRun p = r.planned();
            row.put("spec", p.specId());
            row.put("computation", p.computationId());
            row.put("index", Integer.toString(p.index()));
            row.put("command", p.run().command());
            row.put("key", p.key());
            row.put("status", r.status().id());
            row.put("skipped", Boolean.toString(r.skipped()));
            row.put("resumed", Boolean.toString(r.resumed()));
            row.put("wallSeconds", String.format(Locale.ROOT, "%.3f", r.skipped() ? recordedWallSeconds(r) : r.wallSeconds()));
            row.put("error", r.error());
            for (Map.Entry<String, Object> e : p.tags().entrySet()) {
                row.put("tag." + e.getKey(), RunDescription.format(e.getValue()));
                tagCols.add("tag." + e.getKey());
            }
            for (Map.Entry<String, Object> e : p.run().config().entrySet()) {
                row.put("config." + e.getKey(), RunDescription.format(e.getValue()));
                cfgCols.add("config." + e.getKey());
            }
            Path summary = Path.of(r.directory()).resolve("summary.json");
            if (Files.isRegularFile(summary)) {
                try {
                    flatten("summary", Json.MAPPER.readTree(summary.toFile()), row, sumCols, 0);
                } catch (IOException e) {
                    row.put("error", (row.get("error") + " summary.json unreadable").trim());
                }
            }
            Path theory = Path.of(r.directory()).resolve("theory.csv");
            if (Files.isRegularFile(theory)) {
                try {
                    theoryColumns(Files.readAllLines(theory), row, theoryCols);
                } catch (IOException e) {
                    row.put("error", (row.get("error") + " theory.csv unreadable").trim());
                }
            }
            rows.add(row);
        }
        columns.addAll(tagCols);
        columns.addAll(cfgCols);
        columns.addAll(sumCols);
        columns.addAll(theoryCols);
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", columns.stream().map(SweepSummary::quote).toList())).append('\n');
        for (Map<String, String> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(quote(row.getOrDefault(c, "")));
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        AtomicFiles.writeString(csv, sb.toString());
    }

    /**
     * The wall time a run's manifest records: for a run done before this sweep invocation (a SLURM
     * array's task, an earlier sweep), whose time in this invocation is 0.
     */
    private static double recordedWallSeconds(RunResult r) {
        Path manifest = Path.of(r.directory()).resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            return r.wallSeconds();
        }
        try {
            JsonNode w = Json.MAPPER.readTree(manifest.toFile()).path("wallSeconds");
            return w.isNumber() ? w.doubleValue() : r.wallSeconds();
        } catch (IOException e) {
            return r.wallSeconds();
        }
    }

    /** theory.rows, and theory.&lt;column&gt; when the table has exactly one row (cells copied verbatim). */
    static void theoryColumns(List<String> lines, Map<String, String> row, Set<String> cols) {
        List<String> data = lines.stream().filter(l -> !l.isBlank()).toList();
        if (data.isEmpty()) {
            return;
        }
        row.put("theory.rows", Integer.toString(data.size() - 1));
        cols.add("theory.rows");
        if (data.size() == 2) {
            List<String> header = splitCsv(data.get(0));
            List<String> values = splitCsv(data.get(1));
            for (int i = 0; i < header.size() && i < values.size(); i++) {
                row.put("theory." + header.get(i), values.get(i));
                cols.add("theory." + header.get(i));
            }
        }
    }

    /** One CSV line split into cells (double-quoted cells may hold commas and "" for a quote). */
    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> row, Set<String> cols, int depth) {
        if (n.isObject() && depth < 3) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix + "." + e.getKey(), e.getValue(), row, cols, depth + 1);
            }
        } else if (n.isNumber() || n.isTextual() || n.isBoolean()) {
            row.put(prefix, n.isNumber() ? Double.toString(n.doubleValue()).replace("E", "e") : n.asText());
            cols.add(prefix);
        }
    }

    static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
