package dev.grokphase.io;

import dev.grokphase.error.GrokphaseException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A numeric matrix read from a user's file: CSV (comma, semicolon, tab or space separated; a first
 * line that is not numeric is taken as a header; '#' starts a comment line) or NumPy {@code .npy}
 * (format 1.0–3.0, C order, little- or big-endian float64/float32/int64/int32, 1-D or 2-D).
 * Every problem is reported as one line naming the option, the file and what is wrong.
 *
 * @param rows number of rows
 * @param cols number of columns
 * @param data row-major values
 */
public record NumericTable(int rows, int cols, double[] data) {

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([fi])(\\d)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Reads {@code file} (.npy by extension, CSV otherwise); {@code option} names it in errors. */
    public static NumericTable read(String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw GrokphaseException.invalid(option, file, "no such file");
        }
        try {
            return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npy")
                    ? readNpy(option, file) : readCsv(option, file);
        } catch (IOException e) {
            throw GrokphaseException.invalid(option, file, "cannot be read: " + e.getMessage());
        }
    }

    /** Columns [from, to) as a new row-major table. */
    public double[] columns(int from, int to) {
        int w = to - from;
        double[] out = new double[rows * w];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(data, r * cols + from, out, r * w, w);
        }
        return out;
    }

    private static NumericTable readCsv(String option, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<double[]> rows = new ArrayList<>();
        int cols = -1;
        boolean first = true;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s*[,;\\t ]\\s*");
            double[] v = new double[parts.length];
            boolean numeric = true;
            for (int j = 0; j < parts.length; j++) {
                try {
                    v[j] = Double.parseDouble(parts[j]);
                } catch (NumberFormatException e) {
                    if (first) {
                        numeric = false;
                        break;
                    }
                    throw GrokphaseException.invalid(option, file, "line " + (ln + 1) + ", column " + (j + 1)
                            + ": '" + parts[j] + "' is not a number");
                }
                if (!Double.isFinite(v[j])) {
                    throw GrokphaseException.invalid(option, file, "line " + (ln + 1) + ", column " + (j + 1) + ": not finite");
                }
            }
            boolean wasFirst = first;
            first = false;
            if (!numeric && wasFirst) {
                continue; // header
            }
            if (cols < 0) {
                cols = v.length;
            } else if (v.length != cols) {
                throw GrokphaseException.invalid(option, file, "line " + (ln + 1) + " has " + v.length
                        + " columns, earlier lines " + cols);
            }
            rows.add(v);
        }
        if (rows.isEmpty()) {
            throw GrokphaseException.invalid(option, file, "no numeric rows");
        }
        double[] data = new double[rows.size() * cols];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, data, r * cols, cols);
        }
        return new NumericTable(rows.size(), cols, data);
    }

    private static NumericTable readNpy(String option, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 10 || (bytes[0] & 0xFF) != 0x93 || !new String(bytes, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw GrokphaseException.invalid(option, file, "not a .npy file (magic \\x93NUMPY missing)");
        }
        int major = bytes[6];
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xFFFF;
            start = 10;
        } else if (major == 2 || major == 3) {
            headerLen = bb.getInt(8);
            start = 12;
        } else {
            throw GrokphaseException.invalid(option, file, ".npy format version " + major + " (allowed: 1, 2, 3)");
        }
        if (start + headerLen > bytes.length) {
            throw GrokphaseException.invalid(option, file, "truncated .npy header");
        }
        String header = new String(bytes, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw GrokphaseException.invalid(option, file, "unreadable .npy header: " + header.strip());
        }
        if (f.group(1).equals("True")) {
            throw GrokphaseException.invalid(option, file, "Fortran-ordered array; save with np.ascontiguousarray");
        }
        char kind = d.group(2).charAt(0);
        int size = Integer.parseInt(d.group(3));
        if (!((kind == 'f' && (size == 8 || size == 4)) || (kind == 'i' && (size == 8 || size == 4)))) {
            throw GrokphaseException.invalid(option, file, "dtype " + d.group(2) + size + " (allowed: float64, float32, int64, int32)");
        }
        bb.order(d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        List<Integer> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            if (!part.isBlank()) {
                dims.add(Integer.parseInt(part.strip()));
            }
        }
        if (dims.isEmpty() || dims.size() > 2) {
            throw GrokphaseException.invalid(option, file, "array of " + dims.size() + " dimensions (allowed: 1 or 2)");
        }
        int rows = dims.get(0);
        int cols = dims.size() == 2 ? dims.get(1) : 1;
        long count = (long) rows * cols;
        int offset = start + headerLen;
        if (offset + count * size > bytes.length) {
            throw GrokphaseException.invalid(option, file, "truncated .npy data: shape " + dims + " needs "
                    + count * size + " bytes, file has " + (bytes.length - offset));
        }
        if (rows == 0 || cols == 0) {
            throw GrokphaseException.invalid(option, file, "empty array");
        }
        double[] data = new double[(int) count];
        for (int i = 0; i < count; i++) {
            int at = offset + i * size;
            double v = kind == 'f' ? (size == 8 ? bb.getDouble(at) : bb.getFloat(at)) : (size == 8 ? bb.getLong(at) : bb.getInt(at));
            if (!Double.isFinite(v)) {
                throw GrokphaseException.invalid(option, file, "element " + i + " is not finite");
            }
            data[i] = v;
        }
        return new NumericTable(rows, cols, data);
    }
}
