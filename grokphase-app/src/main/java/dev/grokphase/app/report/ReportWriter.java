package dev.grokphase.app.report;

import dev.grokphase.error.GrokphaseException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.app.plot.Figure;
import dev.grokphase.app.plot.FigureRenderer;
import dev.grokphase.io.AtomicFiles;
import dev.grokphase.sweep.Computation;
import dev.grokphase.sweep.FigureSpec;
import dev.grokphase.sweep.PlannedRun;
import dev.grokphase.sweep.RunDescription;
import dev.grokphase.sweep.RunStatus;
import dev.grokphase.sweep.Scale;
import dev.grokphase.sweep.SpecLoader;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the self-contained HTML report: every figure as an inline base64 PNG (and, next to the
 * page, PNG, SVG and PDF files without caption, the caption beside them as .txt and .tex), the parameter sets, one table of runs
 * per spec, and the equilibration diagnostics of every training run, with the runs that did not
 * equilibrate flagged at the top of their section. No external resource: it opens offline.
 */
public final class ReportWriter {

    /** What was written. */
    public record Written(Path html, List<Path> figureFiles, int figures, int notEquilibrated) {
    }

    private final FigureRenderer pageRenderer = new FigureRenderer(720, 480, false);
    /** Figure files carry no caption (it would be typeset twice in a paper): it goes to .txt/.tex beside them. */
    private final FigureRenderer fileRenderer = new FigureRenderer(720, 480, false);

    /**
     * @param inputs     specs and loose runs
     * @param html       the page to write
     * @param figuresDir where the PNG, SVG, PDF and caption files go (null: none)
     * @param title      page title
     */
    /** Marks a page as written by this tool: only such a file is ever overwritten. */
    static final String GENERATOR = "<meta name=\"generator\" content=\"grokphase report\">";

    /**
     * The report may replace only a report: an existing file that is not one (a run's metrics.csv,
     * someone's page) is refused with one line, and so is a directory or a path without a parent.
     */
    static void requireOurs(Path html) {
        Path abs = html.toAbsolutePath();
        if (abs.getParent() == null || java.nio.file.Files.isDirectory(abs)) {
            throw GrokphaseException.invalid("--out", html, "is a directory; name the HTML file to write");
        }
        if (!java.nio.file.Files.exists(abs)) {
            return;
        }
        String head;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(abs)) {
            head = new String(in.readNBytes(1 << 16), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw GrokphaseException.invalid("--out", html, "exists and cannot be read (" + e.getMessage() + ")");
        }
        // Reports from before the generator tag carry the "UTC by grokphase" line of their header.
        if (!head.contains(GENERATOR) && !(head.startsWith("<!DOCTYPE html>") && head.contains(" UTC by grokphase "))) {
            throw GrokphaseException.invalid("--out", html,
                    "exists and is not a report grokphase wrote; it is left alone: choose another file");
        }
    }

    public Written write(ReportInputs.Inputs inputs, Path html, Path figuresDir, String title) {
        requireOurs(html);
        StringBuilder body = new StringBuilder();
        StringBuilder toc = new StringBuilder();
        FigureFiles files = figuresDir == null ? null : new FigureFiles(figuresDir, fileRenderer);
        int figures = 0;
        int flagged = 0;
        List<SpecData> specs = new ArrayList<>(inputs.specs());
        List<String> order = SpecLoader.builtinIds();
        specs.sort(Comparator.comparingInt((SpecData s) -> {
            int i = order.indexOf(s.spec().id());
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(s -> s.spec().id()));
        for (String w : inputs.warnings()) {
            body.append("<div class=\"warn\"><b>Incomplete sweep:</b> ").append(esc(w)).append("</div>\n");
        }
        for (SpecData sd : specs) {
            String anchor = "spec-" + sd.spec().id();
            toc.append("<li><a href=\"#").append(anchor).append("\">").append(esc(sd.spec().title())).append("</a></li>\n");
            body.append("<section id=\"").append(anchor).append("\">\n<h2>").append(esc(sd.spec().title())).append("</h2>\n");
            body.append("<p class=\"paper\">").append(esc(sd.spec().paper())).append(" · spec <code>").append(esc(sd.spec().id()))
                    .append("</code> at scale <code>").append(sd.scale().id()).append("</code></p>\n");
            if (!sd.spec().description().isEmpty()) body.append("<p>").append(esc(sd.spec().description())).append("</p>\n");
            List<RunData> all = new ArrayList<>();
            sd.runs().values().forEach(all::addAll);
            body.append(statusLine(all));
            List<String[]> notEq = notEquilibrated(all);
            flagged += notEq.size();
            if (!notEq.isEmpty()) {
                body.append("<div class=\"warn\"><b>").append(notEq.size())
                        .append(" training run(s) did not pass the equilibration check</b> (first and second half of the sampling "
                                + "window disagree by more than their standard errors allow, or too few independent samples): ");
                List<String> items = new ArrayList<>();
                for (String[] e : notEq) items.add("<code>" + esc(e[0]) + "</code> (" + esc(e[1]) + ")");
                body.append(String.join(", ", items)).append(". Their points are shown but should be read with care.</div>\n");
            }
            for (FigureSpec fs : sd.spec().figures()) {
                Figure f;
                try {
                    f = FigureBuilders.build(sd, fs);
                } catch (RuntimeException e) {
                    f = Figure.builder(fs.id()).title(fs.title()).note("figure could not be built: " + e).build();
                }
                if (files != null) f = files.claim(f, sd.spec().id());
                body.append(figureHtml(f, html, figuresDir));
                figures++;
            }
            body.append("<h3>Parameter sets</h3>\n").append(parameterTable(sd));
            body.append("<h3>Runs</h3>\n").append(runTable(sd, all));
            body.append("<h3>Equilibration diagnostics</h3>\n").append(equilibrationTable(all));
            body.append("</section>\n");
        }
        if (!inputs.looseRuns().isEmpty()) {
            toc.append("<li><a href=\"#runs\">Individual runs</a></li>\n");
            body.append("<section id=\"runs\">\n<h2>Individual runs</h2>\n");
            body.append(statusLine(inputs.looseRuns()));
            for (RunData r : inputs.looseRuns()) {
                SpecData single = new SpecData(null, Scale.DEFAULT, Map.of("run", List.of(r)));
                String kind = r.command().startsWith("train modular") ? "accuracy-vs-steps" : "loss-vs-steps";
                String id = "run-" + r.dir().getFileName();
                Figure f = FigureBuilders.build(single, new FigureSpec(id, "loss-vs-steps",
                        "Loss vs steps: " + r.dir().getFileName(), "", Map.of("training", "run")));
                if (files != null) f = files.claim(f, "");
                body.append(figureHtml(f, html, figuresDir));
                figures++;
                if (kind.equals("accuracy-vs-steps")) {
                    Figure fa = FigureBuilders.build(single, new FigureSpec(id + "-accuracy", kind,
                            "Accuracy vs steps: " + r.dir().getFileName(), "", Map.of("training", "run")));
                    if (files != null) fa = files.claim(fa, "");
                    body.append(figureHtml(fa, html, figuresDir));
                    figures++;
                }
            }
            body.append("<h3>Runs</h3>\n").append(runTable(null, inputs.looseRuns()));
            body.append("<h3>Equilibration diagnostics</h3>\n").append(equilibrationTable(inputs.looseRuns()));
            List<String[]> notEq = notEquilibrated(inputs.looseRuns());
            flagged += notEq.size();
            body.append("</section>\n");
        }
        String page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" + GENERATOR + "\n<title>" + esc(title) + "</title>\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>\n" + CSS + "</style>\n</head>\n<body>\n"
                + "<header><h1>" + esc(title) + "</h1>\n<p class=\"meta\">Generated " + Instant.now().toString().substring(0, 19).replace('T', ' ')
                + " UTC by grokphase " + esc(version()) + " · Java " + esc(System.getProperty("java.version")) + " · "
                + esc(System.getProperty("os.arch")) + " · " + figures + " figure(s)"
                + (flagged > 0 ? " · <span class=\"bad\">" + flagged + " run(s) not equilibrated</span>" : "") + "</p>\n"
                + "<p>Theory and experiment for <i>Grokking as a First Order Phase Transition in Two Layer Networks</i> "
                + "(Rubin, Seroussi, Ringel, ICLR 2024). Lines are adaptive-kernel theory, markers are trained networks; "
                + "shaded bands are the learning phases GFL, GMFL-I and GMFL-II.</p>\n"
                + "<nav><ol>\n" + toc + "</ol></nav>\n</header>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
        // Atomic writes follow the umask, as any file this process creates (AtomicFiles).
        List<Path> written = files == null ? List.of() : files.writeAll();
        AtomicFiles.writeString(html, page);
        return new Written(html, written, figures, flagged);
    }

    static boolean isLangevin(RunData r) {
        Object sampler = r.config("sampler");
        Object optimizer = r.config("optimizer");
        if (sampler != null) return "langevin".equals(String.valueOf(sampler));
        return optimizer == null || "langevin".equals(String.valueOf(optimizer));
    }

    static boolean applicable(JsonNode n) {
        return n.path("firstHalfMean").isNumber() && n.path("secondHalfMean").isNumber();
    }

    private String figureHtml(Figure f, Path html, Path figuresDir) {
        byte[] png = pageRenderer.png(f, 2.0);
        StringBuilder sb = new StringBuilder();
        sb.append("<figure id=\"").append(esc(f.id())).append("\">\n<img class=\"plot\" width=\"720\" alt=\"")
                .append(esc(f.title())).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n<figcaption><b>").append(esc(f.id()))
                .append(".</b> ");
        List<String> paras = FigureRenderer.captionParagraphs(f);
        sb.append(esc(String.join(" ", paras)));
        if (figuresDir != null) {
            // The files for a paper, next to the page: vector PDF and the LaTeX caption.
            List<String> links = new ArrayList<>();
            for (String ext : List.of("pdf", "svg", "png", "tex")) {
                Path file = figuresDir.resolve(f.id() + "." + ext).toAbsolutePath().normalize();
                Path base = html.toAbsolutePath().normalize().getParent();
                String href = base == null ? file.toString() : base.relativize(file).toString().replace('\\', '/');
                links.add("<a href=\"" + esc(href) + "\">" + ext.toUpperCase(Locale.ROOT) + "</a>");
            }
            sb.append(" <span class=\"files\">").append(String.join(" · ", links)).append("</span>");
        }
        sb.append("</figcaption>\n</figure>\n");
        return sb.toString();
    }

    private static String statusLine(List<RunData> runs) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (RunData r : runs) counts.merge(r.status().id(), 1, Integer::sum);
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add("<span class=\"st-" + k + "\">" + v + " " + k + "</span>"));
        return "<p class=\"status\">" + runs.size() + " run(s): " + String.join(", ", parts) + "</p>\n";
    }

    /**
     * [run key, failing observables] for each Langevin run whose diagnostics say not equilibrated.
     * Equilibrium is the goal of Langevin sampling only (notes §2); SGD/AdamW runs are dynamics in
     * time and are not flagged. An observable without a value (e.g. test loss when every pair is
     * in the training set) is not applicable, not a failure.
     */
    /**
     * Whether a run counts as an equilibrium point on a figure: not a Langevin run (dynamics in time,
     * nothing to show), or summary.json's flag is true; runs written before the summary had the
     * flag: no observable of equilibration.json says false.
     */
    static boolean shownEquilibrated(RunData r) {
        if (!isLangevin(r)) return true;
        JsonNode flag = r.summary().path("equilibrated");
        if (!flag.isMissingNode()) return flag.asBoolean(false);
        return notEquilibrated(List.of(r)).isEmpty();
    }

    static List<String[]> notEquilibrated(List<RunData> runs) {
        List<String[]> out = new ArrayList<>();
        for (RunData r : runs) {
            JsonNode eq = r.equilibration();
            if (!eq.isObject() || !isLangevin(r)) continue;
            List<String> bad = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = eq.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode n = e.getValue();
                if (n.has("equilibrated") && !n.path("equilibrated").asBoolean(true) && applicable(n)) bad.add(e.getKey());
            }
            if (!bad.isEmpty()) out.add(new String[]{r.dir().getFileName().toString(), String.join(", ", bad)});
        }
        return out;
    }

    private static String parameterTable(SpecData sd) {
        StringBuilder sb = new StringBuilder("<table class=\"params\">\n<tr><th>computation</th><th>command</th><th>shared options</th><th>varied</th><th>runs</th></tr>\n");
        List<Computation> comps = new ArrayList<>(sd.spec().theory());
        comps.addAll(sd.spec().training());
        for (Computation c : comps) {
            List<PlannedRun> plan = c.expand(sd.spec().id(), sd.scale());
            Map<String, Set<String>> values = new LinkedHashMap<>();
            for (PlannedRun p : plan) {
                for (Map.Entry<String, Object> e : p.run().config().entrySet()) {
                    values.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(RunDescription.format(e.getValue()));
                }
                for (Map.Entry<String, Object> e : p.tags().entrySet()) {
                    values.computeIfAbsent(e.getKey() + " (tag)", k -> new LinkedHashSet<>()).add(RunDescription.format(e.getValue()));
                }
            }
            List<String> shared = new ArrayList<>();
            List<String> varied = new ArrayList<>();
            values.forEach((k, v) -> (v.size() == 1 ? shared : varied).add(esc(k) + " = " + esc(String.join(" | ", v))));
            sb.append("<tr><td>").append(esc(c.id())).append("</td><td><code>").append(esc(c.command())).append("</code></td><td>")
                    .append(String.join("<br>", shared)).append("</td><td>").append(String.join("<br>", varied)).append("</td><td>")
                    .append(plan.size()).append("</td></tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    private static final List<String> METRICS = List.of("trainLoss", "testLoss", "linearProjection", "cubicProjection",
            "trainAccuracy", "testAccuracy", "discrepancyA", "dropletFraction", "networks");

    private static String runTable(SpecData sd, List<RunData> runs) {
        // Columns: the config keys that vary across these runs, tags, status, time, summary metrics.
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (RunData r : runs) {
            if (r.planned() == null) continue;
            r.planned().run().config().forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(RunDescription.format(v)));
        }
        List<String> varied = new ArrayList<>();
        values.forEach((k, v) -> {
            if (v.size() > 1) varied.add(k);
        });
        List<String> metrics = new ArrayList<>();
        for (String m : METRICS) {
            for (RunData r : runs) {
                if (r.summary().has(m)) {
                    metrics.add(m);
                    break;
                }
            }
        }
        // Fits the page at any number of varied parameters: the varied options and tags share one
        // wrapping cell, the summary metrics another (one "name = value" per line).
        StringBuilder sb = new StringBuilder("<table class=\"runs\">\n<tr><th>run directory</th>");
        if (sd != null) sb.append("<th>computation</th>");
        if (sd != null || !varied.isEmpty()) sb.append("<th>parameters</th>");
        sb.append("<th>status</th><th>wall s</th>");
        if (!metrics.isEmpty()) sb.append("<th>results (mean ± std over networks)</th>");
        boolean errors = runs.stream().anyMatch(r -> !r.sweepError().isEmpty());
        if (errors) sb.append("<th>error</th>");
        sb.append("</tr>\n");
        for (RunData r : runs) {
            RunStatus st = r.status();
            sb.append("<tr class=\"st-").append(st.id()).append("\"><td class=\"dir\"><code>").append(esc(r.dir().getFileName().toString())).append("</code></td>");
            if (sd != null) sb.append("<td>").append(esc(r.planned().computationId())).append("</td>");
            if (sd != null || !varied.isEmpty()) {
                List<String> params = new ArrayList<>();
                if (r.planned() != null) {
                    for (String v : varied) {
                        Object val = r.planned().run().config().get(v);
                        if (val != null) params.add("<span class=\"kv\">" + esc(v) + " = " + esc(RunDescription.format(val)) + "</span>");
                    }
                    r.planned().tags().forEach((k, v) -> params.add("<span class=\"kv\">" + esc(k) + " = " + esc(RunDescription.format(v))
                            + " <span class=\"muted\">(tag)</span></span>"));
                }
                sb.append("<td class=\"params\">").append(String.join(", ", params)).append("</td>");
            }
            JsonNode wall = r.manifest().path("wallSeconds");
            sb.append("<td>").append(esc(st.id())).append("</td><td class=\"num\">")
                    .append(wall.isNumber() ? String.format(Locale.ROOT, "%.1f", wall.doubleValue()) : "").append("</td>");
            if (!metrics.isEmpty()) {
                List<String> results = new ArrayList<>();
                for (String m : metrics) {
                    double v = r.summaryNumber(m);
                    double s = r.summaryStd(m);
                    if (Double.isFinite(v)) results.add(esc(m) + " = " + fmt(v) + (Double.isFinite(s) && s > 0 ? " ± " + fmt(s) : ""));
                }
                sb.append("<td class=\"results\">").append(String.join("<br>", results)).append("</td>");
            }
            if (errors) {
                String e = r.sweepError();
                sb.append("<td class=\"err\">").append(esc(e.length() > 300 ? e.substring(0, 300) + "…" : e)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    private static String equilibrationTable(List<RunData> runs) {
        StringBuilder sb = new StringBuilder();
        int rows = 0;
        sb.append("<table class=\"eq\">\n<tr><th>run directory</th><th>observable</th><th>first-half mean</th><th>second-half mean</th>"
                + "<th>difference / s.e.</th><th>autocorrelation time (log points)</th><th>effective samples</th>"
                + "<th>second start: difference / s.e.</th><th>equilibrated</th></tr>\n");
        for (RunData r : runs) {
            JsonNode eq = r.equilibration();
            if (!eq.isObject()) continue;
            Iterator<Map.Entry<String, JsonNode>> it = eq.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode n = e.getValue();
                if (!n.has("equilibrated")) continue;
                boolean ok = n.path("equilibrated").asBoolean(false);
                boolean undetermined = n.path("equilibrated").isNull() && applicable(n);
                boolean na = !applicable(n) || !isLangevin(r);
                boolean measurable = !applicable(n) || autocorrelationMeasurable(n);
                String nm = "<span class=\"muted\">not measurable</span>";
                sb.append("<tr class=\"").append(ok || na ? "ok" : "bad").append("\"><td class=\"dir\"><code>").append(esc(r.dir().getFileName().toString()))
                        .append("</code></td><td>").append(esc(e.getKey())).append("</td><td class=\"num\">").append(num(n, "firstHalfMean"))
                        .append("</td><td class=\"num\">").append(num(n, "secondHalfMean")).append("</td><td class=\"num\">")
                        .append(measurable ? num(n, "differenceInStandardErrors") : nm).append("</td><td class=\"num\">")
                        .append(measurable ? num(n, "autocorrelationTime") : nm)
                        .append("</td><td class=\"num\">").append(measurable ? num(n, "effectiveSamples") : nm).append("</td><td class=\"num\">")
                        .append(num(n, "startsDifferenceInStandardErrors")).append("</td><td>")
                        .append(ok ? "yes" : na ? "n/a" : undetermined ? "undetermined" : "<b>NO</b>").append("</td></tr>\n");
                rows++;
            }
        }
        sb.append("</table>\n");
        return rows == 0 ? "<p class=\"muted\">No equilibration diagnostics (theory only, or no completed training run).</p>\n" : sb.toString();
    }

    /**
     * False when the autocorrelation time could not be measured: written as null (the current
     * diagnostics), or the degenerate values older runs wrote for a flat or too short series
     * (τ ≈ 1e-12 and so ~1e13 "effective samples" from a handful of samples).
     */
    static boolean autocorrelationMeasurable(JsonNode n) {
        JsonNode tau = n.path("autocorrelationTime");
        JsonNode ess = n.path("effectiveSamples");
        if (!tau.isNumber() || !ess.isNumber()) return false;
        double t = tau.doubleValue();
        double e = ess.doubleValue();
        if (!Double.isFinite(t) || !Double.isFinite(e) || t < 1e-6) return false;
        JsonNode samples = n.path("samples");
        return !samples.isNumber() || e <= 10 * Math.max(1, samples.doubleValue());
    }

    private static String num(JsonNode n, String key) {
        JsonNode v = n.path(key);
        return v.isNumber() ? fmt(v.doubleValue()) : "";
    }

    static String fmt(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        return a >= 1e4 || a < 1e-3 ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String version() {
        try (var in = ReportWriter.class.getClassLoader().getResourceAsStream("grokphase-version.properties")) {
            if (in == null) return "";
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "");
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static final String CSS = """
            body { font-family: "DejaVu Serif", Georgia, serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
            h1, h2, h3 { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; }
            h2 { border-top: 2px solid #333; padding-top: .6em; margin-top: 2.2em; }
            .meta, .paper, .muted { color: #666; font-size: .9em; }
            figure { margin: 1.6em 0; }
            img.plot { max-width: 100%; height: auto; border: 1px solid #ddd; }
            figcaption { font-size: .92em; color: #333; margin-top: .4em; }
            table { border-collapse: collapse; font-size: .85em; margin: .6em 0 1.2em; }
            th, td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; }
            th { background: #f2f2f2; font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.bad td, .bad { background: #fde2e1; color: #8a1c1c; }
            tr.st-failed td, tr.st-diverged td, tr.st-absent td { color: #8a1c1c; }
            td.err { color: #8a1c1c; font-size: .9em; max-width: 28em; overflow-wrap: anywhere; }
            td.dir code { overflow-wrap: anywhere; }
            td.results { white-space: nowrap; font-variant-numeric: tabular-nums; }
            td.params { min-width: 14em; }
            span.kv { white-space: nowrap; }
            span.files { font-size: .85em; white-space: nowrap; }
            table { max-width: 100%; }
            .warn { background: #fff4d6; border-left: 4px solid #e69f00; padding: .6em .9em; margin: 1em 0; }
            code { font-size: .92em; }
            nav ol { columns: 2; }
            """;
}
