package dev.grokphase.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.grokphase.io.Json;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One unit of work of a sweep: a command ({@code "train cubic"}, {@code "theory modular"}, ...)
 * and its full configuration, camelCase keys as the CLI's long option names (the run directory
 * contract). Serialisable, so that a Spark task can receive it; {@link #key()} is a stable hash of
 * its canonical JSON, so the same config always lands in the same run directory, on any machine.
 *
 * @param command the tool command that performs the run, words separated by one space
 * @param config  option name (without dashes) to value: String, Boolean, Long, Double, or a list
 *                of those; normalised at construction (sorted keys, integral numbers as Long)
 */
public record RunDescription(String command, TreeMap<String, Object> config) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RunDescription {
        Objects.requireNonNull(command, "command");
        command = command.trim().replaceAll("\\s+", " ");
        config = normalise(config);
    }

    public static RunDescription of(String command, Map<String, ?> config) {
        return new RunDescription(command, new TreeMap<>(config));
    }

    /** The canonical JSON text {"command":..., "config":{sorted}} that the key hashes. */
    public String canonicalJson() {
        TreeMap<String, Object> m = new TreeMap<>();
        m.put("command", command);
        m.put("config", config);
        try {
            return Json.MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Directory name of this run: the command as a slug plus the first 16 hex digits (64 bits) of
     * SHA-256 of {@link #canonicalJson()}, e.g. {@code train-cubic-1f3a9c07d2b4e588}.
     */
    public String key() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
            return command.replace(' ', '-') + "-" + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /**
     * The CLI arguments: command words, then {@code --key value} per config entry (lists
     * comma-joined); a boolean {@code true} is the bare flag {@code --key}, {@code false} is omitted.
     */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        for (Map.Entry<String, Object> e : config.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Boolean b) {
                if (b) args.add("--" + e.getKey());
            } else {
                args.add("--" + e.getKey());
                args.add(format(v));
            }
        }
        return args;
    }

    /** A config value as the CLI reads it: plain decimal for numbers, comma-joined lists. */
    public static String format(Object v) {
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder();
            for (Object o : list) {
                if (sb.length() > 0) sb.append(',');
                sb.append(format(o));
            }
            return sb.toString();
        }
        if (v instanceof Double d) {
            // Shortest text that round-trips, without exponent surprises for the CLI (1.0E-4 -> 0.0001).
            return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    static TreeMap<String, Object> normalise(Map<String, ?> in) {
        TreeMap<String, Object> out = new TreeMap<>();
        if (in != null) {
            for (Map.Entry<String, ?> e : in.entrySet()) {
                out.put(e.getKey(), normaliseValue(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    private static Object normaliseValue(String key, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof java.math.BigInteger b) {
            return b.longValueExact();
        }
        if (v instanceof Float || v instanceof Double || v instanceof BigDecimal) {
            double d = ((Number) v).doubleValue();
            // Integral doubles become longs so that "N: 700" and "N: 700.0" are one run.
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return (long) d;
            }
            return d;
        }
        if (v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(normaliseValue(key, o));
            }
            return out;
        }
        throw new IllegalArgumentException("config '" + key + "': unsupported value type "
                + (v == null ? "null" : v.getClass().getSimpleName()) + " (allowed: string, number, boolean, list)");
    }
}
