package dev.grokphase.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.io.Json;
import dev.grokphase.sweep.ExperimentSpec;
import dev.grokphase.sweep.PlannedRun;
import dev.grokphase.sweep.RunStatus;
import dev.grokphase.sweep.Scale;
import dev.grokphase.sweep.SpecLoader;
import dev.grokphase.sweep.Sweep;
import dev.grokphase.sweep.SweepRunner;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds what a report shows in the directories it is given. Each argument may be
 * <ul>
 *   <li>a sweep root (holding {@code sweeps/<spec>-<scale>/plan.json}, e.g. {@code reproduce-out}),</li>
 *   <li>one sweep directory (holding {@code plan.json}),</li>
 *   <li>one run directory (holding {@code manifest.json}), or</li>
 *   <li>a directory of run directories.</li>
 * </ul>
 */
public final class ReportInputs {

    /**
     * Specs with their runs, loose runs that belong to no sweep, and warnings about sweeps whose
     * files are missing (shown at the top of the report, never dropped silently).
     */
    public record Inputs(List<SpecData> specs, List<RunData> looseRuns, List<String> warnings) {
        public Inputs(List<SpecData> specs, List<RunData> looseRuns) {
            this(specs, looseRuns, List.of());
        }
    }

    private ReportInputs() {
    }

    public static Inputs find(List<Path> dirs) {
        List<SpecData> specs = new ArrayList<>();
        List<RunData> loose = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw GrokphaseException.invalid("DIR", d, "not a directory");
            }
            if (Files.isRegularFile(d.resolve("plan.json"))) {
                specs.add(loadSweep(d, d.getParent().getParent()));
            } else if (Files.isDirectory(d.resolve("sweeps"))) {
                for (Path s : list(d.resolve("sweeps"))) {
                    if (Files.isRegularFile(s.resolve("plan.json"))) {
                        specs.add(loadSweep(s, d));
                    } else {
                        SpecData rebuilt = withoutPlan(s, d, warnings);
                        if (rebuilt != null) specs.add(rebuilt);
                    }
                }
            } else if (Files.isRegularFile(d.resolve("manifest.json"))) {
                loose.add(new RunData(d, null));
            } else {
                for (Path r : list(d.resolve("runs").toFile().isDirectory() ? d.resolve("runs") : d)) {
                    if (Files.isRegularFile(r.resolve("manifest.json"))) loose.add(new RunData(r, null));
                }
            }
        }
        if (specs.isEmpty() && loose.isEmpty() && warnings.isEmpty()) {
            throw GrokphaseException.invalid("DIR", dirs, "no sweep (plan.json) and no run directory (manifest.json) found");
        }
        if (loose.isEmpty() && !specs.isEmpty() && specs.stream().allMatch(ReportInputs::noRunPresent)) {
            SpecData first = specs.get(0);
            throw GrokphaseException.invalid("DIR", dirs, "none of the planned runs of " + specs.size() + " sweep(s) is there: "
                    + "looked for " + first.runRoot().resolve("runs") + "/<key> (" + first.spec().id() + "-" + first.scale().id()
                    + "); run the sweep first, or point the report at the directory that holds runs/");
        }
        return new Inputs(specs, loose, warnings);
    }

    /**
     * A sweep directory without plan.json: the plan is rebuilt from its spec.yaml and the scale in
     * its name ({@code <spec>-<scale>}), with a warning; without spec.yaml it cannot be, and the
     * warning says so. Either way the sweep does not vanish from the report unannounced.
     */
    private static SpecData withoutPlan(Path sweepDir, Path root, List<String> warnings) {
        String name = sweepDir.getFileName().toString();
        Path source = sweepDir.resolve("spec.yaml");
        int dash = name.lastIndexOf('-');
        Scale scale = null;
        if (dash > 0) {
            try {
                scale = Scale.parse("scale", name.substring(dash + 1));
            } catch (GrokphaseException e) {
                scale = null;
            }
        }
        if (!Files.isRegularFile(source) || scale == null) {
            warnings.add("sweep " + sweepDir + " has no plan.json" + (Files.isRegularFile(source) ? "" : " and no spec.yaml")
                    + ": its runs cannot be attributed and are not shown (rerun the sweep to rewrite its plan)");
            return null;
        }
        warnings.add("sweep " + sweepDir + " has no plan.json: its plan was rebuilt from spec.yaml at scale " + scale.id()
                + " (rerun the sweep to rewrite it)");
        ExperimentSpec spec = SpecLoader.load(source);
        Map<String, List<RunData>> runs = new LinkedHashMap<>();
        for (PlannedRun p : spec.plan(scale)) {
            runs.computeIfAbsent(p.computationId(), k -> new ArrayList<>()).add(new RunData(SweepRunner.runDir(root, p), p));
        }
        return new SpecData(spec, scale, runs, root);
    }

    private static boolean noRunPresent(SpecData s) {
        return s.runs().values().stream().flatMap(List::stream).allMatch(r -> r.status() == RunStatus.ABSENT);
    }

    /**
     * Where a sweep's runs are: under {@code root}, unless plan.json names a {@code runRoot} (a
     * Spark sweep with {@code output=URI}). A local runRoot is read in place; a remote one
     * (hdfs://, s3a://) cannot be, so the runs must have been copied under {@code root/runs}, and
     * when they are not there the error says where they are and how to fetch them.
     */
    static Path runRoot(JsonNode plan, Path sweepDir, Path root, List<PlannedRun> planned) {
        String where = plan.path("runRoot").asText("");
        if (where.isEmpty()) {
            return root;
        }
        URI uri = URI.create(where);
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            return uri.getScheme() == null ? Path.of(where) : Path.of(uri);
        }
        boolean copied = planned.stream().anyMatch(p -> Files.isDirectory(SweepRunner.runDir(root, p)));
        if (!copied) {
            throw GrokphaseException.invalid("DIR", sweepDir, "its runs are at " + where + "/runs (plan.json runRoot), which "
                    + "this machine cannot read: copy them next to the sweep, e.g. 'hdfs dfs -get " + where + "/runs "
                    + root.toAbsolutePath() + "/', then report on " + root);
        }
        return root;
    }

    static SpecData loadSweep(Path sweepDir, Path root) {
        JsonNode plan = RunData.readJson(sweepDir.resolve("plan.json"));
        String specId = plan.path("spec").asText();
        Scale scale = Scale.parse("scale", plan.path("scale").asText("default"));
        ExperimentSpec spec;
        Path source = sweepDir.resolve("spec.yaml");
        if (Files.isRegularFile(source)) {
            spec = SpecLoader.load(source);
        } else {
            spec = SpecLoader.builtin(specId);
        }
        Map<String, String> errors = new java.util.HashMap<>();
        Path summary = sweepDir.resolve("summary.csv");
        if (Files.isRegularFile(summary)) {
            CsvTable t = CsvTable.read(summary);
            for (int i = 0; i < t.size(); i++) {
                if (!t.cell(i, "error").isEmpty()) errors.put(t.cell(i, "key"), t.cell(i, "error"));
            }
        }
        Map<String, List<RunData>> runs = new LinkedHashMap<>();
        List<PlannedRun> planned = spec.plan(scale);
        Path runRoot = runRoot(plan, sweepDir, root, planned);
        for (PlannedRun p : planned) {
            RunData rd = new RunData(SweepRunner.runDir(runRoot, p), p);
            rd.sweepError(errors.get(p.key()));
            runs.computeIfAbsent(p.computationId(), k -> new ArrayList<>()).add(rd);
        }
        return new SpecData(spec, scale, runs, runRoot);
    }

    /** All sweeps of a root, in the built-in spec order first, then the others by name. */
    public static List<SpecData> sweepsOf(Path root) {
        return find(List.of(root)).specs();
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    static JsonNode json(Path p) {
        return RunData.readJson(p);
    }

    static String pretty(Object o) {
        return Json.pretty(o);
    }

    static Path sweepDir(Path root, ExperimentSpec spec, Scale scale) {
        return Sweep.sweepDir(root, spec, scale);
    }
}
