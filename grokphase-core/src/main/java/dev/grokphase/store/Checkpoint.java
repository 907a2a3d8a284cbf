package dev.grokphase.store;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.io.AtomicFiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A file of named arrays ({@code double[]}, {@code float[]}, {@code long[]}, {@code int[]}), the
 * serialised form of trainer states.
 *
 * <p>Layout (big-endian, {@link DataOutputStream}): the 8 magic bytes {@code GRKCKPT1}, the payload
 * length (long), the payload, and the CRC-32 of the payload (long). Payload: entry count (int),
 * then per entry its name (modified UTF-8), a type tag ('D', 'F', 'J', 'I'), the element count
 * (int) and the elements. A reader checks magic, length and CRC, so a file cut short or altered
 * is reported, never half-read. Writes go through {@link AtomicFiles}, so a kill during a write
 * leaves the previous checkpoint intact.
 */
public final class Checkpoint {

    private static final byte[] MAGIC = "GRKCKPT1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Checkpoint() {
    }

    /** Encodes the arrays in iteration order. */
    public static byte[] encode(Map<String, ?> arrays) {
        try {
            ByteArrayOutputStream payloadBytes = new ByteArrayOutputStream();
            DataOutputStream p = new DataOutputStream(payloadBytes);
            p.writeInt(arrays.size());
            for (Map.Entry<String, ?> e : arrays.entrySet()) {
                p.writeUTF(e.getKey());
                Object v = e.getValue();
                if (v instanceof double[] d) {
                    p.writeByte('D');
                    p.writeInt(d.length);
                    for (double t : d) {
                        p.writeDouble(t);
                    }
                } else if (v instanceof float[] f) {
                    p.writeByte('F');
                    p.writeInt(f.length);
                    for (float t : f) {
                        p.writeFloat(t);
                    }
                } else if (v instanceof long[] l) {
                    p.writeByte('J');
                    p.writeInt(l.length);
                    for (long t : l) {
                        p.writeLong(t);
                    }
                } else if (v instanceof int[] ia) {
                    p.writeByte('I');
                    p.writeInt(ia.length);
                    for (int t : ia) {
                        p.writeInt(t);
                    }
                } else {
                    throw new IllegalArgumentException("checkpoint entry " + e.getKey() + " is not a double[]/float[]/long[]/int[]: "
                            + (v == null ? "null" : v.getClass().getSimpleName()));
                }
            }
            p.flush();
            byte[] payload = payloadBytes.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(payload);
            ByteArrayOutputStream all = new ByteArrayOutputStream(payload.length + 24);
            DataOutputStream o = new DataOutputStream(all);
            o.write(MAGIC);
            o.writeLong(payload.length);
            o.write(payload);
            o.writeLong(crc.getValue());
            o.flush();
            return all.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes what {@link #encode} wrote; {@code source} names the file in error messages. */
    public static Map<String, Object> decode(byte[] bytes, String source) {
        if (bytes.length < MAGIC.length + 16 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw corrupt(source, "not a grokphase checkpoint or cut short (" + bytes.length + " bytes)");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, bytes.length - MAGIC.length));
            long len = in.readLong();
            if (len != bytes.length - MAGIC.length - 16L) {
                throw corrupt(source, "length " + (bytes.length - MAGIC.length - 16L) + " bytes of payload, header says " + len);
            }
            int off = MAGIC.length + 8;
            CRC32 crc = new CRC32();
            crc.update(bytes, off, (int) len);
            DataInputStream tail = new DataInputStream(new ByteArrayInputStream(bytes, off + (int) len, 8));
            if (tail.readLong() != crc.getValue()) {
                throw corrupt(source, "CRC-32 mismatch");
            }
            DataInputStream p = new DataInputStream(new ByteArrayInputStream(bytes, off, (int) len));
            int count = p.readInt();
            Map<String, Object> out = new LinkedHashMap<>();
            for (int e = 0; e < count; e++) {
                String name = p.readUTF();
                int tag = p.readByte();
                int n = p.readInt();
                switch (tag) {
                    case 'D' -> {
                        double[] d = new double[n];
                        for (int i = 0; i < n; i++) {
                            d[i] = p.readDouble();
                        }
                        out.put(name, d);
                    }
                    case 'F' -> {
                        float[] f = new float[n];
                        for (int i = 0; i < n; i++) {
                            f[i] = p.readFloat();
                        }
                        out.put(name, f);
                    }
                    case 'J' -> {
                        long[] l = new long[n];
                        for (int i = 0; i < n; i++) {
                            l[i] = p.readLong();
                        }
                        out.put(name, l);
                    }
                    case 'I' -> {
                        int[] ia = new int[n];
                        for (int i = 0; i < n; i++) {
                            ia[i] = p.readInt();
                        }
                        out.put(name, ia);
                    }
                    default -> throw corrupt(source, "unknown entry type " + tag);
                }
            }
            return out;
        } catch (IOException e) {
            throw corrupt(source, e.toString());
        }
    }

    public static void write(Path file, Map<String, ?> arrays) {
        AtomicFiles.write(file, encode(arrays));
    }

    public static Map<String, Object> read(Path file) {
        try {
            return decode(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static GrokphaseException corrupt(String source, String why) {
        return new GrokphaseException(ErrorCode.IO, "checkpoint " + source + " is damaged (" + why + "): cannot resume from it");
    }
}
