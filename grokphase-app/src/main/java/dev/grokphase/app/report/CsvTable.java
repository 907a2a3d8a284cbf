package dev.grokphase.app.report;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small CSV table (header + rows, quoted cells allowed), as the run layer, the sweep summary
 * and the theory commands write them. Numbers parse with {@code Locale.ROOT}; empty, "null" and
 * "NaN" cells read as NaN.
 */
public final class CsvTable {

    private final List<String> header;
    private final List<String[]> rows;

    public CsvTable(List<String> header, List<String[]> rows) {
        this.header = List.copyOf(header);
        this.rows = rows;
    }

    public static CsvTable read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static CsvTable parse(String text) {
        List<String> lines = new ArrayList<>();
        for (String l : text.split("\r?\n")) {
            if (!l.isBlank() && !l.startsWith("#")) lines.add(l);
        }
        if (lines.isEmpty()) {
            return new CsvTable(List.of(), new ArrayList<>());
        }
        List<String> header = split(lines.get(0));
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            rows.add(split(lines.get(i)).toArray(new String[0]));
        }
        return new CsvTable(header, rows);
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().trim());
        return out;
    }

    public List<String> header() {
        return header;
    }

    public int size() {
        return rows.size();
    }

    public boolean has(String column) {
        return header.contains(column);
    }

    /** The first of {@code candidates} that is a column, or null. */
    public String first(String... candidates) {
        for (String c : candidates) {
            if (header.contains(c)) return c;
        }
        for (String c : candidates) {
            for (String h : header) {
                if (h.equalsIgnoreCase(c)) return h;
            }
        }
        return null;
    }

    public String cell(int row, String column) {
        int c = header.indexOf(column);
        String[] r = rows.get(row);
        return c < 0 || c >= r.length ? "" : r[c];
    }

    public double number(int row, String column) {
        return number(cell(row, column));
    }

    public double[] column(String column) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(i, column);
        }
        return out;
    }

    public static double number(String s) {
        if (s == null || s.isEmpty() || s.equalsIgnoreCase("null") || s.equalsIgnoreCase("nan")) return Double.NaN;
        if (s.equalsIgnoreCase("true")) return 1;
        if (s.equalsIgnoreCase("false")) return 0;
        String t = s.toLowerCase(Locale.ROOT);
        if (t.equals("inf") || t.equals("+inf") || t.equals("infinity")) return Double.POSITIVE_INFINITY;
        if (t.equals("-inf") || t.equals("-infinity")) return Double.NEGATIVE_INFINITY;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
