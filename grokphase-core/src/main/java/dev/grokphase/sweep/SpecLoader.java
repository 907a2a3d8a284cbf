package dev.grokphase.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.io.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates experiment specs. Every problem is reported as one line naming the file and
 * the key path, e.g. {@code spec fig2.yaml: training[0].grid.sigma2: expected a non-empty list,
 * got "0.1"}. Unknown keys are errors (a typo must not silently change an experiment).
 *
 * <p>The specs shipped with the tool are classpath resources {@code specs/<id>.yaml}, listed in
 * {@code specs/index.txt} in report order.
 */
public final class SpecLoader {

    private static final Set<String> TOP = Set.of("id", "title", "paper", "description", "theory", "training", "figures");
    private static final Set<String> COMP = Set.of("id", "command", "config", "points", "grid", "scales");
    private static final Set<String> OVERRIDE = Set.of("config", "points", "grid");
    private static final Set<String> FIG = Set.of("id", "kind", "title", "caption", "params");

    private SpecLoader() {
    }

    /** The ids of the built-in specs, in report order. */
    public static List<String> builtinIds() {
        String index = resourceText("specs/index.txt");
        List<String> ids = new ArrayList<>();
        for (String line : index.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) ids.add(t);
        }
        return ids;
    }

    /** All built-in specs, in report order. */
    public static List<ExperimentSpec> builtin() {
        List<ExperimentSpec> out = new ArrayList<>();
        for (String id : builtinIds()) out.add(builtin(id));
        return out;
    }

    public static ExperimentSpec builtin(String id) {
        if (!builtinIds().contains(id)) {
            throw GrokphaseException.invalid("spec", id, "allowed " + String.join(", ", builtinIds()) + ", or a path to a .yaml file");
        }
        return parse(id + ".yaml", resourceText("specs/" + id + ".yaml"));
    }

    /** A built-in spec id, or a path to a YAML file. */
    public static ExperimentSpec resolve(String idOrPath) {
        Path p = Path.of(idOrPath);
        if (idOrPath.endsWith(".yaml") || idOrPath.endsWith(".yml") || Files.isRegularFile(p)) {
            return load(p);
        }
        return builtin(idOrPath);
    }

    public static ExperimentSpec load(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "spec " + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static ExperimentSpec parse(String fileName, String yaml) {
        Object root;
        try {
            root = Json.YAML.readValue(yaml, Object.class);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage() == null ? e.getMessage() : e.getOriginalMessage();
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new GrokphaseException(ErrorCode.INVALID_VALUE,
                    "spec " + fileName + ": not valid YAML" + (line > 0 ? " at line " + line : "") + ": " + oneLine(msg));
        }
        return new Reader(fileName).spec(root, yaml);
    }

    private static String resourceText(String name) {
        try (InputStream in = SpecLoader.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new GrokphaseException(ErrorCode.IO, "built-in resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot read built-in resource " + name + ": " + e.getMessage(), e);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }

    /** Walks the parsed YAML tree with the current key path, for error messages. */
    private static final class Reader {
        private final String file;

        Reader(String file) {
            this.file = file;
        }

        GrokphaseException error(String path, String what) {
            return new GrokphaseException(ErrorCode.INVALID_VALUE, "spec " + file + ": " + path + ": " + what);
        }

        ExperimentSpec spec(Object root, String source) {
            Map<String, Object> m = map("(top level)", root, TOP);
            String id = string("id", m.get("id"), true);
            if (!id.matches("[a-z0-9][a-z0-9-]*")) {
                throw error("id", "must be lower-case letters, digits and '-', got \"" + id + "\"");
            }
            List<Computation> theory = computations("theory", m.get("theory"), Computation.Kind.THEORY);
            List<Computation> training = computations("training", m.get("training"), Computation.Kind.TRAINING);
            Set<String> ids = new HashSet<>();
            for (Computation c : theory) if (!ids.add(c.id())) throw error("theory", "duplicate computation id \"" + c.id() + "\"");
            for (Computation c : training) if (!ids.add(c.id())) throw error("training", "duplicate computation id \"" + c.id() + "\"");
            if (theory.isEmpty() && training.isEmpty()) {
                throw error("theory/training", "a spec needs at least one computation");
            }
            List<FigureSpec> figures = new ArrayList<>();
            List<Object> figs = list("figures", m.get("figures"), false);
            Set<String> figIds = new HashSet<>();
            for (int i = 0; i < figs.size(); i++) {
                String p = "figures[" + i + "]";
                Map<String, Object> f = map(p, figs.get(i), FIG);
                String fid = string(p + ".id", f.get("id"), true);
                if (!figIds.add(fid)) throw error(p + ".id", "duplicate figure id \"" + fid + "\"");
                figures.add(new FigureSpec(fid, string(p + ".kind", f.get("kind"), true),
                        string(p + ".title", f.get("title"), false), string(p + ".caption", f.get("caption"), false),
                        f.get("params") == null ? Map.of() : map(p + ".params", f.get("params"), null)));
            }
            return new ExperimentSpec(id, string("title", m.get("title"), true), string("paper", m.get("paper"), false),
                    string("description", m.get("description"), false), theory, training, figures, source);
        }

        List<Computation> computations(String path, Object node, Computation.Kind kind) {
            List<Computation> out = new ArrayList<>();
            List<Object> items = list(path, node, false);
            for (int i = 0; i < items.size(); i++) {
                String p = path + "[" + i + "]";
                Map<String, Object> c = map(p, items.get(i), COMP);
                String id = string(p + ".id", c.get("id"), true);
                String command = string(p + ".command", c.get("command"), true);
                String expectedPrefix = kind == Computation.Kind.THEORY ? "theory " : "train ";
                if (!command.startsWith(expectedPrefix)) {
                    throw error(p + ".command", "must start with \"" + expectedPrefix.trim() + "\" in the " + path + " list, got \"" + command + "\"");
                }
                Map<String, Object> config = config(p + ".config", c.get("config"));
                List<Map<String, Object>> points = points(p + ".points", c.get("points"));
                Map<String, List<Object>> grid = grid(p + ".grid", c.get("grid"));
                Map<Scale, Computation.Override> scales = new EnumMap<>(Scale.class);
                if (c.get("scales") != null) {
                    Map<String, Object> sm = map(p + ".scales", c.get("scales"), Set.of("quick", "default", "large", "full"));
                    for (Map.Entry<String, Object> e : sm.entrySet()) {
                        String sp = p + ".scales." + e.getKey();
                        Map<String, Object> o = map(sp, e.getValue(), OVERRIDE);
                        scales.put(Scale.valueOf(e.getKey().toUpperCase(Locale.ROOT)), new Computation.Override(
                                o.containsKey("config") ? config(sp + ".config", o.get("config")) : null,
                                o.containsKey("points") ? points(sp + ".points", o.get("points")) : null,
                                o.containsKey("grid") ? grid(sp + ".grid", o.get("grid")) : null));
                    }
                }
                Computation comp = new Computation(id, kind, command, config, points, grid, scales);
                for (Scale s : Scale.values()) {
                    // Expanding checks value types (RunDescription normalisation) for every scale now, not mid-sweep.
                    try {
                        comp.expand("check", s);
                    } catch (IllegalArgumentException e) {
                        throw error(p, e.getMessage());
                    }
                }
                out.add(comp);
            }
            return out;
        }

        Map<String, Object> config(String path, Object node) {
            if (node == null) return new LinkedHashMap<>();
            Map<String, Object> m = map(path, node, null);
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (!e.getKey().matches("[A-Za-z][A-Za-z0-9-]*")) {
                    throw error(path + "." + e.getKey(), "option names are the command's long option names without the leading dashes");
                }
                scalarOrList(path + "." + e.getKey(), e.getValue());
            }
            return m;
        }

        List<Map<String, Object>> points(String path, Object node) {
            List<Map<String, Object>> out = new ArrayList<>();
            List<Object> items = list(path, node, false);
            for (int i = 0; i < items.size(); i++) {
                Map<String, Object> m = map(path + "[" + i + "]", items.get(i), null);
                for (Map.Entry<String, Object> e : m.entrySet()) {
                    scalarOrList(path + "[" + i + "]." + e.getKey(), e.getValue());
                }
                out.add(m);
            }
            return out;
        }

        Map<String, List<Object>> grid(String path, Object node) {
            Map<String, List<Object>> out = new LinkedHashMap<>();
            if (node == null) return out;
            Map<String, Object> m = map(path, node, null);
            for (Map.Entry<String, Object> e : m.entrySet()) {
                String kp = path + "." + e.getKey();
                if (!(e.getValue() instanceof List<?> l) || l.isEmpty()) {
                    throw error(kp, "expected a non-empty list of values, got " + describe(e.getValue()));
                }
                for (Object v : l) scalar(kp, v);
                out.put(e.getKey(), new ArrayList<>(l));
            }
            return out;
        }

        void scalarOrList(String path, Object v) {
            if (v instanceof List<?> l) {
                for (Object o : l) scalar(path, o);
            } else {
                scalar(path, v);
            }
        }

        void scalar(String path, Object v) {
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw error(path, "expected a string, number or boolean, got " + describe(v));
            }
            if (v instanceof Double d && !Double.isFinite(d)) {
                throw error(path, "expected a finite number, got " + d);
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String path, Object node, Set<String> allowed) {
            if (!(node instanceof Map<?, ?> m)) {
                throw error(path, "expected a mapping (key: value), got " + describe(node));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (allowed != null && !allowed.contains(k)) {
                    throw error(path.equals("(top level)") ? k : path + "." + k,
                            "unknown key; allowed " + String.join(", ", new java.util.TreeSet<>(allowed)));
                }
                out.put(k, e.getValue());
            }
            return out;
        }

        List<Object> list(String path, Object node, boolean required) {
            if (node == null) {
                if (required) throw error(path, "missing (required)");
                return List.of();
            }
            if (!(node instanceof List<?> l)) {
                throw error(path, "expected a list, got " + describe(node));
            }
            return new ArrayList<>(l);
        }

        String string(String path, Object node, boolean required) {
            if (node == null) {
                if (required) throw error(path, "missing (required)");
                return "";
            }
            if (!(node instanceof String s)) {
                throw error(path, "expected text, got " + describe(node));
            }
            if (required && s.isBlank()) throw error(path, "must not be empty");
            return s.strip();
        }

        static String describe(Object v) {
            if (v == null) return "nothing";
            if (v instanceof Map) return "a mapping";
            if (v instanceof List) return "a list";
            return "\"" + v + "\"";
        }
    }
}
