package dev.grokphase.app.output;

import dev.grokphase.io.Json;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints rows (ordered maps of column to value) as a table, CSV or JSON Lines.
 *
 * <p>JSON Lines and CSV rows are written as they arrive, so a long sweep streams; the table is
 * buffered to align its columns and printed by {@link #finish()}. Doubles print with
 * {@code Locale.ROOT}; non-finite doubles are {@code null} in JSON and empty in CSV.
 */
public final class RowPrinter {

    private final PrintWriter out;
    private final OutputFormat format;
    private final List<Map<String, Object>> buffered = new ArrayList<>();
    private List<String> csvColumns;

    public RowPrinter(PrintWriter out, OutputFormat format) {
        this.out = out;
        this.format = format;
    }

    public void row(Map<String, ?> row) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        switch (format) {
            case jsonl -> {
                out.println(Json.line(copy));
                out.flush();
            }
            case csv -> {
                if (csvColumns == null) {
                    csvColumns = new ArrayList<>(flatColumns(copy));
                    out.println(String.join(",", csvColumns));
                }
                List<String> cells = new ArrayList<>();
                for (String c : csvColumns) {
                    cells.add(csvCell(copy.get(c)));
                }
                out.println(String.join(",", cells));
                out.flush();
            }
            case table -> buffered.add(copy);
        }
    }

    /** Prints the buffered table; a no-op for streaming formats. */
    public void finish() {
        if (format != OutputFormat.table || buffered.isEmpty()) {
            out.flush();
            return;
        }
        Set<String> cols = new LinkedHashSet<>();
        for (Map<String, Object> r : buffered) {
            cols.addAll(flatColumns(r));
        }
        List<String> columns = new ArrayList<>(cols);
        int[] width = new int[columns.size()];
        List<String[]> cells = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            width[j] = columns.get(j).length();
        }
        for (Map<String, Object> r : buffered) {
            String[] line = new String[columns.size()];
            for (int j = 0; j < columns.size(); j++) {
                line[j] = tableCell(r.get(columns.get(j)));
                width[j] = Math.max(width[j], line[j].length());
            }
            cells.add(line);
        }
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < columns.size(); j++) {
            sb.append(j == 0 ? "" : "  ").append(pad(columns.get(j), width[j]));
        }
        out.println(sb.toString().stripTrailing());
        for (String[] line : cells) {
            sb.setLength(0);
            for (int j = 0; j < line.length; j++) {
                sb.append(j == 0 ? "" : "  ").append(pad(line[j], width[j]));
            }
            out.println(sb.toString().stripTrailing());
        }
        buffered.clear();
        out.flush();
    }

    /** Columns whose values are scalars; nested arrays/maps (e.g. a distribution) only go to JSON. */
    private static List<String> flatColumns(Map<String, Object> row) {
        List<String> cols = new ArrayList<>();
        for (Map.Entry<String, Object> e : row.entrySet()) {
            Object v = e.getValue();
            if (v == null || v instanceof Number || v instanceof CharSequence || v instanceof Boolean || v instanceof Enum<?>) {
                cols.add(e.getKey());
            }
        }
        return cols;
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    private static String csvCell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? Double.toString(d) : "";
        }
        String s = v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private static String tableCell(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Double d) {
            if (!Double.isFinite(d)) {
                return "-";
            }
            double a = Math.abs(d);
            return (a != 0 && (a < 1e-3 || a >= 1e6)) ? String.format(Locale.ROOT, "%.4e", d)
                    : String.format(Locale.ROOT, "%.6g", d);
        }
        return v.toString();
    }
}
