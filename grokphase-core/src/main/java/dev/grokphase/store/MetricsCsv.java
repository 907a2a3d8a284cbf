package dev.grokphase.store;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.io.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code metrics.csv}: one header line, then one row per (log step, network). Every log point's
 * rows are written with a single write call and flushed, so a killed process leaves whole rows
 * only, and everything logged before the kill. Numbers use {@link Double#toString} (shortest
 * round-trip form, locale independent; {@code NaN} as pandas reads it), so a resumed run writes
 * the same bytes as an uninterrupted one.
 */
public final class MetricsCsv {

    private final Path file;
    private final List<String> columns;

    private MetricsCsv(Path file, List<String> columns) {
        this.file = file;
        this.columns = List.copyOf(columns);
    }

    /** Creates (or replaces) the file with only the header. */
    public static MetricsCsv create(Path file, List<String> columns) {
        AtomicFiles.writeString(file, String.join(",", columns) + "\n");
        return new MetricsCsv(file, columns);
    }

    /**
     * Opens an existing file for a resume from step {@code step}: rows with a larger step (logged
     * after the checkpoint) and any partial last line are dropped, atomically. The header must
     * match {@code columns}.
     */
    public static MetricsCsv resume(Path file, List<String> columns, long step) {
        List<String> lines = readLines(file);
        String header = String.join(",", columns);
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw new GrokphaseException(ErrorCode.IO, "cannot resume: " + file + " has a different header than this run");
        }
        StringBuilder kept = new StringBuilder(header).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int comma = line.indexOf(',');
            if (comma <= 0 || line.split(",", -1).length != columns.size()) {
                continue; // partial line from a kill mid-write (cannot happen with one write per point; harmless)
            }
            long s;
            try {
                s = Long.parseLong(line.substring(0, comma));
            } catch (NumberFormatException e) {
                continue;
            }
            if (s <= step) {
                kept.append(line).append('\n');
            }
        }
        AtomicFiles.writeString(file, kept.toString());
        return new MetricsCsv(file, columns);
    }

    public List<String> columns() {
        return columns;
    }

    /** Appends rows (each as many values as columns) in one write, and flushes. */
    public void append(List<Object[]> rows) {
        StringBuilder sb = new StringBuilder();
        for (Object[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("row has " + row.length + " values for " + columns.size() + " columns");
            }
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                sb.append(format(row[c]));
            }
            sb.append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        long before = -1;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            before = ch.size();
            ch.position(before);
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            WriteFault fault = faultForTests;
            if (fault != null) {
                fault.write(ch, buf);
            }
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (IOException e) {
            String undone = before >= 0 ? removePartialRows(before) : "";
            throw new GrokphaseException(ErrorCode.IO, "cannot append to " + file + ": " + DirectoryLock.describe(e) + undone, e);
        }
    }

    /** After a failed append: cuts the file back to its length before it, so no partial row stays. */
    private String removePartialRows(long length) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (ch.size() > length) {
                ch.truncate(length);
            }
            return "";
        } catch (IOException e) {
            return " (and the partial rows could not be removed: " + DirectoryLock.describe(e) + "; a resume drops them)";
        }
    }

    /** Test hook standing in for a full disk: may write part of the buffer, then throws. Null in normal use. */
    public interface WriteFault {
        void write(FileChannel channel, ByteBuffer rows) throws IOException;
    }

    /** See {@link WriteFault}; set only by tests. */
    public static volatile WriteFault faultForTests;

    static String format(Object v) {
        if (v instanceof Double d) {
            return Double.toString(d);
        }
        if (v instanceof Float f) {
            return Double.toString(f.doubleValue());
        }
        return String.valueOf(v);
    }

    /**
     * Checks that the file holds exactly the rows a run logs up to {@code lastStep}: every step of
     * {@code schedule} up to it, in order, each with one row per network ({@code networks}: the
     * network column's values, in the order they are logged), nothing else, and a complete last line. Returns the first problem in words, or null when the rows
     * are complete. Two writers, a lost write or a cut file all show up here.
     */
    public static String problem(Path file, long[] schedule, long[] networks, long lastStep) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return file.getFileName() + " is missing or unreadable";
        }
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            return file.getFileName() + " ends in a partial line";
        }
        String[] lines = text.split("\n");
        if (text.isEmpty() || lines.length == 0) {
            return file.getFileName() + " is empty";
        }
        int columns = lines[0].split(",", -1).length;
        int row = 1;
        for (long step : schedule) {
            if (step > lastStep) {
                break;
            }
            for (long k : networks) {
                if (row >= lines.length) {
                    return file.getFileName() + " lacks the rows of step " + step + " (network " + k + " and after)";
                }
                String[] cells = lines[row].split(",", -1);
                if (cells.length != columns || !cells[0].equals(Long.toString(step)) || !cells[1].equals(Long.toString(k))) {
                    return file.getFileName() + " line " + (row + 1) + " is '" + abbreviate(lines[row]) + "', expected step "
                            + step + " network " + k;
                }
                row++;
            }
        }
        if (row < lines.length) {
            return file.getFileName() + " has " + (lines.length - row) + " row(s) more than the run logs (line " + (row + 1)
                    + ": '" + abbreviate(lines[row]) + "')";
        }
        return null;
    }

    private static String abbreviate(String line) {
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }

    /** The table as read back: header and numeric rows. */
    public record Table(List<String> columns, List<double[]> rows) {
        public int column(String name) {
            int i = columns.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no column " + name);
            }
            return i;
        }
    }

    /** Reads a metrics file back (complete lines only). */
    public static Table read(Path file) {
        List<String> lines = readLines(file);
        if (lines.isEmpty()) {
            throw new GrokphaseException(ErrorCode.IO, file + " is empty");
        }
        List<String> cols = List.of(lines.get(0).split(","));
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(",", -1);
            if (parts.length != cols.size()) {
                continue;
            }
            double[] r = new double[parts.length];
            for (int c = 0; c < parts.length; c++) {
                r[c] = Double.parseDouble(parts[c]);
            }
            rows.add(r);
        }
        return new Table(cols, rows);
    }

    private static List<String> readLines(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    out.add(text.substring(start, i));
                    start = i + 1;
                }
            }
            // text after the last newline is a partial line: dropped
            return out;
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
