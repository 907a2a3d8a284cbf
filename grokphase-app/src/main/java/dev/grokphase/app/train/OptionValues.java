package dev.grokphase.app.train;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.io.Json;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes a command's option values by key: the camelCase form of the long option name
 * ({@code --sigma-w2} → {@code sigmaW2}, {@code --N} → {@code N}), the keys of {@code --config}
 * files and of the manifest's "config" object. Kebab-case keys ({@code sigma-w2}) are accepted too.
 */
public final class OptionValues {

    /** Options that are not part of a run's configuration. */
    public static final Set<String> NOT_CONFIG = Set.of("help", "version", "config", "resume", "format", "out", "threads", "progress");

    private OptionValues() {
    }

    public static String key(OptionSpec o) {
        return camel(o.longestName().replaceFirst("^-+", ""));
    }

    static String camel(String kebab) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-' || c == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    /** The run configuration: every option except {@link #NOT_CONFIG}, in declaration order, enums in CLI spelling. */
    public static Map<String, Object> config(CommandSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            String k = key(o);
            if (NOT_CONFIG.contains(k)) {
                continue;
            }
            Object v = o.getValue();
            if (v instanceof Enum<?> e) {
                v = e.toString();
            } else if (v instanceof Path p) {
                v = p.toString();
            }
            m.put(k, v);
        }
        return m;
    }

    /** Reads a YAML or JSON file of option keys; every failure is one line without parser internals. */
    public static Map<String, Object> readFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw GrokphaseException.invalid("--config", file, "file not found");
        } catch (IOException | RuntimeException e) {
            throw GrokphaseException.invalid("--config", file, "cannot be read (" + (Files.isDirectory(file) ? "it is a directory" : oneLine(e.getMessage())) + ")");
        }
        try {
            Map<String, Object> m = Json.YAML.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
            });
            if (m == null) {
                throw GrokphaseException.invalid("--config", file, "is empty; expected option keys, e.g. 'steps: 1000'");
            }
            return m;
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw GrokphaseException.invalid("--config", file, "is not a mapping of option keys to values (e.g. 'steps: 1000')");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            String where = at != null && at.getLineNr() > 0 ? " at line " + at.getLineNr() : "";
            String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            java.util.regex.Matcher dup = java.util.regex.Pattern.compile("Duplicate field '([^']*)'").matcher(what);
            if (dup.find()) {
                throw GrokphaseException.invalid("--config", file, "key '" + dup.group(1) + "' appears twice" + where);
            }
            throw GrokphaseException.invalid("--config", file, "is not valid YAML or JSON" + where);
        }
    }

    /**
     * An integer option's value: plain digits or exact scientific notation ({@code 1e3}), the same
     * on the command line and in a config file, within [min, max]; anything else is one line.
     */
    public static long integer(String option, String text, long min, long max) {
        java.math.BigDecimal v;
        try {
            v = new java.math.BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw GrokphaseException.invalid(option, "'" + text + "'", "not an integer");
        }
        if (v.precision() - v.scale() > 20) {
            throw GrokphaseException.outOfRange(option, text.trim(), "integers in [" + min + ", " + max + "]");
        }
        java.math.BigInteger i;
        try {
            i = v.stripTrailingZeros().toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw GrokphaseException.invalid(option, text.trim(), "not an integer");
        }
        if (i.compareTo(java.math.BigInteger.valueOf(min)) < 0 || i.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            throw GrokphaseException.outOfRange(option, text.trim(), "integers in [" + min + ", " + max + "]");
        }
        return i.longValueExact();
    }

    /**
     * Sets every option not given on the command line from {@code values}. With {@code strict},
     * an option given on the command line with a value different from {@code values} is an error
     * (resume: the manifest's config is the run's).
     */
    public static void apply(CommandSpec spec, ParseResult parsed, Map<String, Object> values, String source, boolean strict) {
        Map<String, OptionSpec> byKey = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            byKey.put(key(o), o);
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String k = e.getKey().contains("-") ? camel(e.getKey()) : e.getKey();
            OptionSpec o = byKey.get(k);
            if (o == null || NOT_CONFIG.contains(k) && !k.equals("threads")) {
                if (strict) {
                    continue; // manifests from newer versions may hold more keys
                }
                throw GrokphaseException.invalid(source, e.getKey(), "unknown key; allowed: "
                        + byKey.keySet().stream().filter(x -> !NOT_CONFIG.contains(x)).collect(Collectors.joining(", ")));
            }
            Object v = convert(o, e.getValue(), source);
            if (parsed.hasMatchedOption(o)) {
                if (strict && !NOT_CONFIG.contains(k) && !java.util.Objects.equals(o.getValue(), v)) {
                    throw GrokphaseException.invalid(o.longestName(), o.getValue(),
                            "differs from the run's manifest (" + e.getValue() + "); with --resume leave it out");
                }
                continue;
            }
            o.setValue(v);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object convert(OptionSpec o, Object raw, String source) {
        Class<?> t = o.type();
        String name = o.longestName();
        if (raw == null) {
            return t.isPrimitive() ? o.getValue() : null;
        }
        String s = raw instanceof Collection<?> c
                ? c.stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(raw);
        try {
            if (t == int.class || t == Integer.class) {
                return (int) integer(name, s, Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
            if (t == long.class || t == Long.class) {
                return integer(name, s, Long.MIN_VALUE, Long.MAX_VALUE);
            }
            if (t == double.class || t == Double.class) {
                return raw instanceof Number n ? n.doubleValue() : Double.parseDouble(s.trim());
            }
            if (t == boolean.class || t == Boolean.class) {
                return Boolean.parseBoolean(s.trim());
            }
            if (t == Path.class) {
                return Path.of(s);
            }
            if (t.isEnum()) {
                for (Object c : t.getEnumConstants()) {
                    if (c.toString().equalsIgnoreCase(s.trim()) || ((Enum) c).name().equalsIgnoreCase(s.trim())) {
                        return c;
                    }
                }
                throw GrokphaseException.invalid(name, s, "allowed: " + List.of(t.getEnumConstants()));
            }
            return s;
        } catch (NumberFormatException e) {
            throw GrokphaseException.invalid(name, s, "not a number (from " + source + ")");
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT).trim();
    }
}
