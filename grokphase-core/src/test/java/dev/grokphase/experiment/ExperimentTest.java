package dev.grokphase.experiment;

import dev.grokphase.error.GrokphaseException;
import dev.grokphase.store.MetricsCsv;
import dev.grokphase.random.SeedTree;
import dev.grokphase.store.RunDirectory;
import dev.grokphase.task.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The loop with a small self-contained noisy-GD member (a linear two-layer net), independent of the engine. */
class ExperimentTest {

    /** f(x) = Σ_i a_i (w_i·x); noisy gradient steps on the MSE with an xorshift RNG whose state is saved. */
    static final class ToyMember implements NetworkGroup {
        final int n;
        final int d;
        final double[] w;
        final double[] a;
        final Dataset data;
        final double lr;
        long rng;

        ToyMember(Dataset data, int neurons, long seed, double lr) {
            this.data = data;
            this.n = neurons;
            this.d = data.inputDim();
            this.lr = lr;
            this.rng = seed | 1;
            w = new double[n * d];
            a = new double[n];
            for (int i = 0; i < w.length; i++) {
                w[i] = gauss() / Math.sqrt(d);
            }
            for (int i = 0; i < n; i++) {
                a[i] = gauss() / Math.sqrt(n);
            }
        }

        double gauss() {
            double s = 0;
            for (int k = 0; k < 12; k++) {
                rng ^= rng << 13;
                rng ^= rng >>> 7;
                rng ^= rng << 17;
                s += (rng >>> 11) * 0x1.0p-53;
            }
            return s - 6;
        }

        @Override
        public void advance(long steps) {
            for (long t = 0; t < steps; t++) {
                double[] f = predict(data.xTrain(), data.nTrain());
                double[] gw = new double[w.length];
                double[] ga = new double[n];
                for (int mu = 0; mu < data.nTrain(); mu++) {
                    double r = (f[mu] - data.yTrain()[mu]) / data.nTrain();
                    for (int i = 0; i < n; i++) {
                        double h = 0;
                        for (int k = 0; k < d; k++) {
                            h += w[i * d + k] * data.xTrain()[mu * d + k];
                        }
                        ga[i] += r * h;
                        for (int k = 0; k < d; k++) {
                            gw[i * d + k] += r * a[i] * data.xTrain()[mu * d + k];
                        }
                    }
                }
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * gw[i] + 1e-3 * gauss();
                }
                for (int i = 0; i < n; i++) {
                    a[i] -= lr * ga[i] + 1e-3 * gauss();
                }
            }
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public double[] predict(int member, double[] x, int m) {
            return predict(x, m);
        }

        @Override
        public double[] snapshotW(int member) {
            return w.clone();
        }

        @Override
        public double[] snapshotA(int member) {
            return a.clone();
        }

        double[] predict(double[] x, int m) {
            double[] f = new double[m];
            for (int mu = 0; mu < m; mu++) {
                for (int i = 0; i < n; i++) {
                    double h = 0;
                    for (int k = 0; k < d; k++) {
                        h += w[i * d + k] * x[mu * d + k];
                    }
                    f[mu] += a[i] * h;
                }
            }
            return f;
        }


        @Override
        public Map<String, Object> saveState() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("w", w.clone());
            s.put("a", a.clone());
            s.put("rng", new long[]{rng});
            return s;
        }

        @Override
        public void restoreState(Map<String, Object> s) {
            System.arraycopy((double[]) s.get("w"), 0, w, 0, w.length);
            System.arraycopy((double[]) s.get("a"), 0, a, 0, a.length);
            rng = ((long[]) s.get("rng"))[0];
        }
    }

    static Dataset data(long seed) {
        int d = 4;
        int n = 30;
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] wStar = {1, 0, 0, 0};
        double[] x = new double[n * d];
        double[] xt = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
            xt[i] = r.nextGaussian();
        }
        return new Dataset("cubic", x, dev.grokphase.observe.CubicProjections.teacher(x, n, wStar, -0.3), n,
                xt, dev.grokphase.observe.CubicProjections.teacher(xt, n, wStar, -0.3), n, d, 1, wStar, 0, null, null, null, null);
    }

    static List<Experiment.Network> ensemble(double lr) {
        List<Experiment.Network> nets = new ArrayList<>();
        SeedTree root = SeedTree.root(7);
        for (int ds = 0; ds < 2; ds++) {
            long dataSeed = root.child("dataset", ds).seed();
            Dataset d = data(dataSeed);
            for (int s = 0; s < 2; s++) {
                int j = ds * 2 + s;
                long init = root.child("network", j).streamSeed("init");
                nets.add(new Experiment.Network(j, ds, s, dataSeed, init, root.child("network", j).streamSeed("noise"),
                        new ToyMember(d, 6, init, lr), 0, d));
            }
        }
        return nets;
    }

    static Experiment experiment(RunDirectory dir, List<Experiment.Network> nets, int threads) {
        return new Experiment(dir, nets, new CubicMetrics(), 300, new LogSchedule(300, 12, 50), 70, threads, ProgressListener.NONE);
    }

    @Test
    void stoppedAndResumedRunEndsByteIdenticalToAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        RunDirectory full = RunDirectory.createNew(tmp.resolve("full"), "--out");
        List<Experiment.Network> a = ensemble(0.05);
        experiment(full, a, 1).run(new LinkedHashMap<>(), false, null);

        RunDirectory cut = RunDirectory.createNew(tmp.resolve("cut"), "--out");
        Experiment.Result stopped = experiment(cut, ensemble(0.05), 2).run(new LinkedHashMap<>(), false, 140L);
        assertThat(stopped.status()).isEqualTo("interrupted");
        assertThat(cut.readManifest()).containsEntry("status", "interrupted");
        // Fresh members, as a new process would build them; the state comes from the checkpoint (step 140).
        List<Experiment.Network> b = ensemble(0.05);
        Map<String, Object> manifest = new LinkedHashMap<>(cut.readManifest());
        Experiment.Result resumed = experiment(RunDirectory.open(cut.root(), "--out"), b, 3).run(manifest, true, null);
        assertThat(resumed.status()).isEqualTo("completed");
        assertThat(cut.readManifest()).containsEntry("status", "completed").containsEntry("resumedFromStep", 140);

        assertThat(Files.readString(cut.metricsFile())).isEqualTo(Files.readString(full.metricsFile()));
        assertThat(Files.readString(cut.summaryFile())).isEqualTo(Files.readString(full.summaryFile()));
        assertThat(Files.readString(cut.observable("overlaps.csv"))).isEqualTo(Files.readString(full.observable("overlaps.csv")));
        for (int j = 0; j < a.size(); j++) {
            assertArrayEquals(a.get(j).snapshotW(), b.get(j).snapshotW());
            assertArrayEquals(a.get(j).snapshotA(), b.get(j).snapshotA());
        }
        // The schedule: 0, log-spaced, every 50, and the end.
        MetricsCsv.Table t = MetricsCsv.read(full.metricsFile());
        assertThat(t.rows().stream().mapToLong(r -> (long) r[0]).distinct().toArray()).contains(0, 1, 50, 100, 300);
        assertThat(full.readManifest()).containsKeys("startedAt", "finishedAt", "wallSeconds");
        assertThat(Files.exists(full.observable("equilibration.json"))).isTrue();
        assertThat(Files.exists(full.observable("overlap-histogram.csv"))).isTrue();
    }

    @Test
    void divergenceStopsWithStepAndQuantityAndKeepsTheLog(@TempDir Path tmp) throws Exception {
        RunDirectory dir = RunDirectory.createNew(tmp.resolve("div"), "--out");
        assertThatThrownBy(() -> experiment(dir, ensemble(50.0), 1).run(new LinkedHashMap<>(), false, null))
                .isInstanceOf(GrokphaseException.class)
                .hasMessageMatching("diverged at step \\d+: \\w+ of network \\d is .*");
        assertThat(dir.readManifest()).containsEntry("status", "diverged").containsKey("error");
        MetricsCsv.Table t = MetricsCsv.read(dir.metricsFile());
        assertThat(t.rows()).isNotEmpty();
        assertThat(t.rows().get(0)[0]).isEqualTo(0.0);
        assertThat(Files.exists(dir.summaryFile())).isFalse();
    }

    @Test
    void logScheduleIsLogSpacedAndIncludesEnds() {
        long[] s = new LogSchedule(1_000_000, 7, 0).steps();
        assertThat(s).containsExactly(0, 1, 10, 100, 1000, 10_000, 100_000, 1_000_000);
        assertThat(new LogSchedule(10, 100, 3).steps()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }
}
