package dev.grokphase.experiment;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.io.Json;
import dev.grokphase.observe.Equilibration;
import dev.grokphase.store.Checkpoint;
import dev.grokphase.store.MetricsCsv;
import dev.grokphase.store.RunDirectory;
import dev.grokphase.task.Dataset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The training loop of an ensemble: advances every network to the next log or checkpoint step
 * (in parallel, one task per network), logs the observables of every network at each log step,
 * writes checkpoints at fixed steps, stops on NaN or divergence, and at the end writes the
 * summary, the observables and the final manifest.
 *
 * <p>Determinism: each network owns its RNG streams, so neither the thread count nor the chunking
 * of steps (progress, checkpoints, a kill and resume) changes any number, provided the trainer's
 * {@code advance(a); advance(b)} equals {@code advance(a + b)}.
 */
public final class Experiment {

    /**
     * A network of the ensemble: its index, dataset and seed index, its recorded seeds, the group
     * that trains it and its position there, and its data.
     */
    public record Network(int index, int dataset, int seedIndex, long dataSeed, long initSeed, long noiseSeed,
                          NetworkGroup group, int member, Dataset data, String start) {

        /** A network started from the prior (the default start). */
        public Network(int index, int dataset, int seedIndex, long dataSeed, long initSeed, long noiseSeed,
                       NetworkGroup group, int member, Dataset data) {
            this(index, dataset, seedIndex, dataSeed, initSeed, noiseSeed, group, member, data, "prior");
        }

        public double[] predict(double[] x, int n) {
            return group.predict(member, x, n);
        }

        public double[] snapshotW() {
            return group.snapshotW(member);
        }

        public double[] snapshotA() {
            return group.snapshotA(member);
        }
    }

    /** The outcome: final status and the summary (also in summary.json). */
    public record Result(String status, Map<String, Object> summary) {
    }

    /** Largest absolute metric value still considered finite training (beyond it: divergence). */
    public static final double DIVERGENCE_LIMIT = 1e100;

    private final RunDirectory dir;
    private final List<Network> networks;
    private final TaskMetrics metrics;
    private final long totalSteps;
    private final LogSchedule schedule;
    private final long checkpointEvery;
    private final int threads;
    private final ProgressListener progress;
    private final List<NetworkGroup> groups;
    /** Stop once every equilibration column of every start has this many effective samples; NaN = run to totalSteps. */
    private final double untilEss;
    /** The start of the primary chains (summary values) and of the second start (null when one start). */
    private final String primaryStart;
    private final String secondStart;
    /** Ensemble-mean metric series per start, by step (the record the ESS stop rule reads). */
    private final Map<String, TreeMap<Long, double[]>> meanByStart = new LinkedHashMap<>();
    /** The last step of the run: totalSteps, or where the ESS rule stopped it. */
    private long finalStep;

    public Experiment(RunDirectory dir, List<Network> networks, TaskMetrics metrics, long totalSteps, LogSchedule schedule,
                      long checkpointEvery, int threads, ProgressListener progress) {
        this(dir, networks, metrics, totalSteps, schedule, checkpointEvery, threads, progress, Double.NaN);
    }

    /**
     * @param totalSteps the number of steps, or with {@code untilEss} the cap
     * @param untilEss   stop at the first check where every equilibration column of every start has
     *                   at least this many effective samples over the window (second half of the
     *                   steps so far); NaN = off. Checks happen on the evenly spaced record
     *                   (the schedule's {@code every}), about 100 times up to the cap.
     */
    public Experiment(RunDirectory dir, List<Network> networks, TaskMetrics metrics, long totalSteps, LogSchedule schedule,
                      long checkpointEvery, int threads, ProgressListener progress, double untilEss) {
        this.untilEss = untilEss;
        if (!Double.isNaN(untilEss) && schedule.every() <= 0) {
            throw GrokphaseException.invalid("--until-ess", untilEss, "needs an evenly spaced record: set --log-every");
        }
        java.util.LinkedHashSet<String> starts = new java.util.LinkedHashSet<>();
        for (Network n : networks) {
            starts.add(n.start());
        }
        if (starts.size() > 2) {
            throw new IllegalArgumentException("at most two starts per ensemble, got " + starts);
        }
        List<String> st = new ArrayList<>(starts);
        this.primaryStart = st.get(0);
        this.secondStart = st.size() > 1 ? st.get(1) : null;
        this.finalStep = totalSteps;
        this.dir = dir;
        this.networks = List.copyOf(networks);
        this.metrics = metrics;
        this.totalSteps = totalSteps;
        this.schedule = schedule;
        this.checkpointEvery = checkpointEvery;
        this.threads = Math.max(1, threads);
        this.progress = progress;
        java.util.LinkedHashSet<NetworkGroup> g = new java.util.LinkedHashSet<>();
        for (Network n : networks) {
            g.add(n.group());
        }
        this.groups = List.copyOf(g);
    }

    public List<String> columns() {
        List<String> c = new ArrayList<>(List.of("step", "network", "dataset", "seed"));
        c.addAll(metrics.names());
        return c;
    }

    /**
     * Runs (or, with {@code resume}, continues from the last checkpoint) and returns the result.
     * {@code manifest} holds the run's config and seeds; status and timings are added here.
     *
     * @throws GrokphaseException with {@link ErrorCode#DIVERGED} after recording a divergence
     */
    public Result run(Map<String, Object> manifest, boolean resume, Long stopAfter) {
        long t0 = System.nanoTime();
        double previousWall = manifest.get("wallSeconds") instanceof Number n ? n.doubleValue() : 0.0;
        long start = 0;
        MetricsCsv csv;
        if (resume && dir.hasCheckpoint()) {
            Map<String, Object> state = Checkpoint.read(dir.checkpointFile());
            long[] step = (long[]) state.get("step");
            long[] count = (long[]) state.get("networks");
            if (step == null || count == null || count[0] != networks.size()) {
                throw new GrokphaseException(ErrorCode.IO, "checkpoint " + dir.checkpointFile() + " does not belong to this run");
            }
            start = step[0];
            for (int k = 0; k < groups.size(); k++) {
                groups.get(k).restoreState(prefixed(state, "g" + k + "/"));
            }
            csv = MetricsCsv.resume(dir.metricsFile(), columns(), start);
            String missing = MetricsCsv.problem(dir.metricsFile(), schedule.steps(),
                    networks.stream().mapToLong(Network::index).toArray(), start);
            if (missing != null) {
                throw new GrokphaseException(ErrorCode.IO, "cannot resume " + dir.root() + " from its checkpoint at step " + start
                        + ": " + missing + "; start the run afresh in another directory");
            }
            MetricsCsv.Table history = MetricsCsv.read(dir.metricsFile());
            for (String s : starts()) {
                meanByStart.put(s, meanSeries(history, s));
            }
        } else {
            csv = MetricsCsv.create(dir.metricsFile(), columns());
        }
        manifest.put("status", "running");
        manifest.putIfAbsent("startedAt", Instant.now().toString());
        if (resume) {
            manifest.put("resumedFromStep", start);
        }
        dir.writeManifest(manifest);
        Thread hook = new Thread(() -> {
            manifest.put("status", "interrupted");
            manifest.put("finishedAt", Instant.now().toString());
            dir.writeManifest(manifest);
        }, "grokphase-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, groups.size())), r -> {
            Thread t = new Thread(r, "grokphase-train");
            t.setDaemon(true);
            return t;
        });
        String status = "completed";
        Throwable primary = null;
        try {
            TreeSet<Long> boundaries = new TreeSet<>();
            for (long s : schedule.steps()) {
                boundaries.add(s);
            }
            if (checkpointEvery > 0) {
                for (long s = checkpointEvery; s < totalSteps; s += checkpointEvery) {
                    boundaries.add(s);
                }
            }
            long chunk = Math.max(1, totalSteps / 200);
            long cur = start;
            String note = "";
            if (start == 0) {
                note = log(pool, csv, 0);
            }
            for (long b : boundaries.tailSet(start, false)) {
                while (cur < b) {
                    long k = Math.min(chunk, b - cur);
                    long from = cur;
                    parallel(pool, g -> {
                        advance(g, k, from);
                        return null;
                    });
                    cur += k;
                    // At a log point, report after logging, so the line shows that point's metrics
                    // (the last line of a run its final metrics, not the previous log point's).
                    if (cur < b || !schedule.contains(b)) {
                        progress.progress(cur, totalSteps, note);
                    }
                }
                if (schedule.contains(b)) {
                    note = log(pool, csv, b);
                    progress.progress(b, totalSteps, note);
                }
                boolean enough = schedule.contains(b) && essReached(b);
                if ((checkpointEvery > 0 && b % checkpointEvery == 0) || b == totalSteps || enough) {
                    writeCheckpoint(b);
                }
                if (enough) {
                    finalStep = b;
                    progress.progress(b, b, note);
                    break;
                }
                if (stopAfter != null && b >= stopAfter && b < totalSteps) {
                    status = "interrupted"; // test hook: a clean stand-in for a kill after a checkpoint
                    return new Result(status, Map.of());
                }
            }
            Map<String, Object> summary = summarise(status);
            dir.writeSummary(summary);
            metrics.writeObservables(dir, networks);
            dir.writeObservable("equilibration.json", Json.pretty(equilibration(MetricsCsv.read(dir.metricsFile()))) + "\n");
            return new Result(status, summary);
        } catch (GrokphaseException e) {
            status = e.code() == ErrorCode.DIVERGED ? "diverged" : "failed";
            manifest.put("error", e.getMessage());
            primary = e;
            throw e;
        } catch (RuntimeException | Error e) {
            status = "failed";
            manifest.put("error", String.valueOf(e));
            primary = e;
            throw e;
        } finally {
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down: the hook records "interrupted"
            }
            manifest.put("status", status);
            manifest.put("finishedAt", Instant.now().toString());
            manifest.put("wallSeconds", previousWall + (System.nanoTime() - t0) / 1e9);
            try {
                dir.writeManifest(manifest);
            } catch (RuntimeException e) {
                // The first failure is the one to report (a full disk fails the manifest too).
                if (primary == null) {
                    throw e;
                }
                primary.addSuppressed(e);
            }
        }
    }

    private void advance(NetworkGroup g, long k, long from) {
        try {
            g.advance(k);
        } catch (GrokphaseException e) {
            throw e;
        } catch (ArithmeticException e) {
            throw new GrokphaseException(ErrorCode.DIVERGED, "diverged after step " + from + ": " + e.getMessage(), e);
        }
    }

    private String log(ExecutorService pool, MetricsCsv csv, long step) {
        List<List<double[]>> perGroup = parallel(pool, g -> {
            List<double[]> v = new ArrayList<>();
            for (Network n : networks) {
                if (n.group() == g) {
                    v.add(metrics.compute(n));
                }
            }
            return v;
        });
        // Back to network order: each group's values are in the order of its networks in the list.
        List<double[]> values = new ArrayList<>();
        int[] taken = new int[groups.size()];
        for (Network n : networks) {
            int k = groups.indexOf(n.group());
            values.add(perGroup.get(k).get(taken[k]++));
        }
        List<Object[]> rows = new ArrayList<>();
        List<String> names = metrics.names();
        String diverged = null;
        for (int j = 0; j < networks.size(); j++) {
            Network n = networks.get(j);
            double[] v = values.get(j);
            Object[] row = new Object[4 + v.length];
            row[0] = step;
            row[1] = n.index();
            row[2] = n.dataset();
            row[3] = n.seedIndex();
            for (int c = 0; c < v.length; c++) {
                row[4 + c] = v[c];
                boolean testOnlyNaN = Double.isNaN(v[c]) && names.get(c).startsWith("test") && n.data().nTest() == 0;
                if (diverged == null && !testOnlyNaN && !(Math.abs(v[c]) <= DIVERGENCE_LIMIT)) {
                    diverged = String.format(Locale.ROOT, "diverged at step %d: %s of network %d is %s", step, names.get(c), n.index(), v[c]);
                }
            }
            rows.add(row);
        }
        csv.append(rows);
        recordMeans(step, rows);
        if (diverged != null) {
            throw new GrokphaseException(ErrorCode.DIVERGED, diverged);
        }
        StringBuilder note = new StringBuilder();
        for (String key : List.of("trainLoss", "testLoss", "trainAccuracy", "testAccuracy", "testLinear", "testCubic")) {
            int c = names.indexOf(key);
            if (c >= 0) {
                double mean = 0;
                for (double[] v : values) {
                    mean += v[c] / values.size();
                }
                note.append(note.length() == 0 ? "" : " ").append(key).append('=').append(String.format(Locale.ROOT, "%.4g", mean));
            }
        }
        return note.toString();
    }

    private void writeCheckpoint(long step) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("step", new long[]{step});
        state.put("networks", new long[]{networks.size()});
        state.put("groups", new long[]{groups.size()});
        for (int k = 0; k < groups.size(); k++) {
            for (Map.Entry<String, Object> e : groups.get(k).saveState().entrySet()) {
                state.put("g" + k + "/" + e.getKey(), e.getValue());
            }
        }
        Checkpoint.write(dir.checkpointFile(), state);
    }

    private static Map<String, Object> prefixed(Map<String, Object> state, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : state.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                out.put(e.getKey().substring(prefix.length()), e.getValue());
            }
        }
        return out;
    }

    private <T> List<T> parallel(ExecutorService pool, java.util.function.Function<NetworkGroup, T> task) {
        if (threads == 1 || groups.size() == 1) {
            List<T> out = new ArrayList<>();
            for (NetworkGroup g : groups) {
                out.add(task.apply(g));
            }
            return out;
        }
        List<Future<T>> futures = new ArrayList<>();
        for (NetworkGroup g : groups) {
            futures.add(pool.submit(() -> task.apply(g)));
        }
        List<T> out = new ArrayList<>();
        try {
            for (Future<T> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GrokphaseException(ErrorCode.IO, "interrupted");
        } catch (ExecutionException e) {
            for (Future<T> f : futures) {
                f.cancel(true);
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    /** The starts of the ensemble: the primary, then the second (if any). */
    private List<String> starts() {
        return secondStart == null ? List.of(primaryStart) : List.of(primaryStart, secondStart);
    }

    /** Adds this log step's ensemble means per start (rows as written to metrics.csv) to the in-memory record. */
    private void recordMeans(long step, List<Object[]> rows) {
        int width = 4 + metrics.names().size();
        for (String st : starts()) {
            double[] acc = new double[width];
            int n = 0;
            for (int j = 0; j < rows.size(); j++) {
                if (!networks.get(j).start().equals(st)) {
                    continue;
                }
                Object[] r = rows.get(j);
                for (int c = 0; c < width; c++) {
                    acc[c] += ((Number) r[c]).doubleValue();
                }
                n++;
            }
            for (int c = 0; c < width; c++) {
                acc[c] /= n;
            }
            meanByStart.computeIfAbsent(st, k -> new TreeMap<>()).put(step, acc);
        }
    }

    /**
     * The ESS stop rule at log step {@code step}: true when it is on, the step is a check step, and
     * every equilibration column of every start has at least {@link #untilEss} effective samples
     * over the window (step/2, step].
     */
    private boolean essReached(long step) {
        if (Double.isNaN(untilEss) || step <= 0) {
            return false;
        }
        long every = schedule.every();
        long check = every * Math.max(1, (totalSteps / 100) / every);
        if (step % check != 0 || step % every != 0) {
            return false;
        }
        for (String st : starts()) {
            TreeMap<Long, double[]> series = meanByStart.get(st);
            for (String col : metrics.equilibrationColumns()) {
                double[] x = window(series, metrics.names().indexOf(col) + 4, step);
                if (allNaN(x)) {
                    continue; // no value (e.g. no test set): nothing to wait for
                }
                Equilibration.Estimate e = Equilibration.estimate(x);
                if (x.length < Equilibration.MIN_SAMPLES || !(e.effectiveSamples() >= untilEss)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean allNaN(double[] x) {
        for (double v : x) {
            if (!Double.isNaN(v)) {
                return false;
            }
        }
        return x.length > 0;
    }

    /** The evenly spaced record of column {@code c} over the window (last/2, last]. */
    private double[] window(TreeMap<Long, double[]> series, int c, long last) {
        long every = schedule.every();
        if (series == null || every <= 0) {
            return new double[0];
        }
        return series.subMap(last / 2, false, last, true).entrySet().stream()
                .filter(e -> e.getKey() % every == 0).mapToDouble(e -> e.getValue()[c]).toArray();
    }

    /** Ensemble-mean series of each metric over the networks of one start, by step, from metrics.csv. */
    private TreeMap<Long, double[]> meanSeries(MetricsCsv.Table t, String start) {
        java.util.Set<Long> members = new java.util.HashSet<>();
        for (Network n : networks) {
            if (n.start().equals(start)) {
                members.add((long) n.index());
            }
        }
        TreeMap<Long, double[]> sums = new TreeMap<>();
        TreeMap<Long, Integer> counts = new TreeMap<>();
        int width = t.columns().size();
        for (double[] r : t.rows()) {
            if (!members.contains((long) r[1])) {
                continue;
            }
            long s = (long) r[0];
            double[] acc = sums.computeIfAbsent(s, k -> new double[width]);
            for (int c = 0; c < width; c++) {
                acc[c] += r[c];
            }
            counts.merge(s, 1, Integer::sum);
        }
        for (Map.Entry<Long, double[]> e : sums.entrySet()) {
            int n = counts.get(e.getKey());
            for (int c = 0; c < width; c++) {
                e.getValue()[c] /= n;
            }
        }
        return sums;
    }

    /**
     * summary.json: the final-step mean and spread over the primary start's networks of each summary
     * key; with two starts, the second start's final means; the equilibration verdict with τ and
     * effective samples per observable (null where not measurable).
     */
    private Map<String, Object> summarise(String status) {
        MetricsCsv.Table t = MetricsCsv.read(dir.metricsFile());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("task", metrics.task());
        s.put("status", status);
        s.put("steps", finalStep);
        if (!Double.isNaN(untilEss)) {
            s.put("untilEss", untilEss);
            s.put("stepCap", totalSteps);
            s.put("stoppedBy", finalStep < totalSteps ? "effective samples" : "step cap");
        }
        s.put("networks", (int) networks.stream().filter(n -> n.start().equals(primaryStart)).count());
        s.put("init", primaryStart);
        Map<String, Object> std = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : metrics.summaryKeys().entrySet()) {
            double[] ms = finalMeanStd(t, t.column(e.getValue()), primaryStart);
            s.put(e.getKey(), ms[0]);
            std.put(e.getKey(), ms[1]);
        }
        s.put("std", std);
        if (metrics.names().contains("trainAccuracy")) {
            TreeMap<Long, double[]> mean = meanSeries(t, primaryStart);
            s.put("trainAccuracy99At", firstStep(mean, t.column("trainAccuracy"), 0.99));
            s.put("testAccuracy95At", firstStep(mean, t.column("testAccuracy"), 0.95));
        }
        Map<String, Object> eq = equilibration(t);
        Map<String, Object> tau = new LinkedHashMap<>();
        Map<String, Object> ess = new LinkedHashMap<>();
        Boolean all = Boolean.TRUE;
        for (String col : metrics.equilibrationColumns()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) eq.get(col);
            tau.put(col, m.get("autocorrelationTime"));
            ess.put(col, m.get("effectiveSamples"));
            Object v = m.get("equilibrated");
            if (Boolean.FALSE.equals(v)) {
                all = Boolean.FALSE;
            } else if (v == null && !Equilibration.NO_VALUE.equals(m.get("reason")) && all != Boolean.FALSE) {
                all = null;
            }
        }
        s.put("equilibrated", all);
        s.put("equilibrationChecks", eq.get("checks"));
        s.put("autocorrelationTime", tau);
        s.put("effectiveSamples", ess);
        if (secondStart != null) {
            Map<String, Object> two = new LinkedHashMap<>();
            two.put("init", secondStart);
            Map<String, Object> other = new LinkedHashMap<>();
            Map<String, Object> otherStd = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : metrics.summaryKeys().entrySet()) {
                double[] ms = finalMeanStd(t, t.column(e.getValue()), secondStart);
                other.put(e.getKey(), ms[0]);
                otherStd.put(e.getKey(), ms[1]);
            }
            two.put("final", other);
            two.put("std", otherStd);
            Map<String, Object> z = new LinkedHashMap<>();
            for (String col : metrics.equilibrationColumns()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) eq.get(col);
                z.put(col, m.get("startsDifferenceInStandardErrors"));
            }
            two.put("differenceInStandardErrors", z);
            s.put("secondStart", two);
        }
        return s;
    }

    /** [mean, std] at the final step over the networks of one start. */
    private double[] finalMeanStd(MetricsCsv.Table t, int c, String start) {
        java.util.Set<Long> members = new java.util.HashSet<>();
        for (Network n : networks) {
            if (n.start().equals(start)) {
                members.add((long) n.index());
            }
        }
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (double[] r : t.rows()) {
            if ((long) r[0] == finalStep && members.contains((long) r[1])) {
                sum += r[c];
                sq += r[c] * r[c];
                n++;
            }
        }
        double mean = sum / n;
        return new double[]{mean, n > 1 ? Math.sqrt(Math.max(0, (sq - n * mean * mean) / (n - 1))) : 0.0};
    }

    /** First logged step at which the ensemble mean of a column reaches {@code threshold}; null if never. */
    private static Long firstStep(TreeMap<Long, double[]> mean, int column, double threshold) {
        for (Map.Entry<Long, double[]> e : mean.entrySet()) {
            if (e.getValue()[column] >= threshold) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * Equilibration diagnostics (paper-notes §2.3) on the ensemble-mean series of the primary start
     * over the sampling window: the evenly spaced record (multiples of --log-every) in the second
     * half of the run. With a second start, its series over the same window must agree with the
     * primary's within error bars ({@link Equilibration#check}). Keys in a fixed order.
     */
    private Map<String, Object> equilibration(MetricsCsv.Table t) {
        TreeMap<Long, double[]> mean = meanSeries(t, primaryStart);
        TreeMap<Long, double[]> other = secondStart == null ? null : meanSeries(t, secondStart);
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("fromStep", finalStep / 2);
        window.put("toStep", finalStep);
        window.put("every", schedule.every());
        out.put("window", window);
        List<String> checks = new ArrayList<>(List.of("halves", "autocorrelation"));
        if (secondStart != null) {
            checks.add("twoStart");
        }
        out.put("checks", checks);
        out.put("starts", starts());
        for (String col : metrics.equilibrationColumns()) {
            int c = t.column(col);
            double[] series = window(mean, c, finalStep);
            double[] second = other == null ? null : window(other, c, finalStep);
            Equilibration.Report r = schedule.every() > 0 ? Equilibration.check(series, second) : null;
            Map<String, Object> m = new LinkedHashMap<>();
            if (r == null) {
                m.put("samples", 0);
                m.put("equilibrated", null);
                m.put("reason", "no evenly spaced record (--log-every 0): equilibration not checked");
                out.put(col, m);
                continue;
            }
            m.put("samples", r.samples());
            m.put("mean", r.estimate().mean());
            m.put("standardError", r.estimate().standardError());
            m.put("firstHalfMean", r.firstHalfMean());
            m.put("secondHalfMean", r.secondHalfMean());
            m.put("differenceInStandardErrors", r.differenceInStandardErrors());
            m.put("autocorrelationTime", r.autocorrelationTime());
            m.put("effectiveSamples", r.effectiveSamples());
            if (r.otherStart() != null) {
                m.put("secondStartMean", r.otherStart().mean());
                m.put("secondStartStandardError", r.otherStart().standardError());
                m.put("secondStartAutocorrelationTime", r.otherStart().autocorrelationTime());
                m.put("secondStartEffectiveSamples", r.otherStart().effectiveSamples());
                m.put("startsDifferenceInStandardErrors", r.startsDifferenceInStandardErrors());
            }
            m.put("equilibrated", r.equilibrated());
            m.put("reason", r.reason());
            out.put(col, m);
        }
        return out;
    }
}
