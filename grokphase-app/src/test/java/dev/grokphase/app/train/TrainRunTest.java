package dev.grokphase.app.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.app.CliRun;
import dev.grokphase.io.Json;
import dev.grokphase.store.Checkpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** End-to-end runs of the train commands: run directory, resume bit-identity, kill -9, divergence, json. */
class TrainRunTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clearHook() {
        TrainRun.stopAfterForTests = null;
    }

    static String[] cubic(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "cubic", "--n", "60", "--n-test", "200", "--N", "12", "--d", "6",
                "--sigma2", "0.2", "--sigma-w2", "0.5", "--sigma-a2", "0.5", "--eps", "-0.3", "--sampler", "langevin",
                "--steps", "400", "--seeds", "2", "--datasets", "2", "--seed", "3", "--log-points", "15", "--log-every", "40",
                "--checkpoint-every", "100", "--threads", "1", "--progress", "none", "--out", out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    static void assertSameRun(Path a, Path b) throws Exception {
        assertThat(Files.readString(b.resolve("metrics.csv"))).isEqualTo(Files.readString(a.resolve("metrics.csv")));
        assertThat(Files.readString(b.resolve("summary.json"))).isEqualTo(Files.readString(a.resolve("summary.json")));
        Map<String, Object> sa = Checkpoint.read(a.resolve("checkpoint/state.bin"));
        Map<String, Object> sb = Checkpoint.read(b.resolve("checkpoint/state.bin"));
        assertThat(sb.keySet()).isEqualTo(sa.keySet());
        int compared = 0;
        for (String k : sa.keySet()) {
            if (sa.get(k) instanceof double[] x) {
                assertArrayEquals(x, (double[]) sb.get(k), k);
                compared++;
            } else if (sa.get(k) instanceof float[] x) {
                assertArrayEquals(x, (float[]) sb.get(k), k);
                compared++;
            } else if (sa.get(k) instanceof long[] x) {
                assertArrayEquals(x, (long[]) sb.get(k), k);
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(2); // stacked w and a of each trainer group at least
    }

    @Test
    void cubicRunWritesTheRunDirectoryAndJsonSummary() throws Exception {
        Path out = tmp.resolve("cubic");
        CliRun r = CliRun.of(cubic(out, "--format", "json"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out());
        for (String k : List.of("trainLoss", "testLoss", "linearProjection", "cubicProjection", "steps")) {
            assertThat(j.has(k)).as(k).isTrue();
        }
        assertThat(j.get("steps").asLong()).isEqualTo(400);
        assertThat(j.get("networks").asInt()).isEqualTo(4);
        assertThat(Json.MAPPER.readTree(Files.readString(out.resolve("summary.json")))).isEqualTo(j);
        for (String f : List.of("manifest.json", "metrics.csv", "summary.json", "observables/overlaps.csv",
                "observables/overlap-histogram.csv", "observables/overlap-histogram-per-network.csv", "observables/equilibration.json", "checkpoint/state.bin")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        JsonNode m = Json.MAPPER.readTree(out.resolve("manifest.json").toFile());
        assertThat(m.get("status").asText()).isEqualTo("completed");
        assertThat(m.get("command").asText()).isEqualTo("train cubic");
        assertThat(m.get("config").get("sigmaW2").asDouble()).isEqualTo(0.5);
        assertThat(m.get("config").get("N").asInt()).isEqualTo(12);
        assertThat(m.get("config").get("n").asInt()).isEqualTo(60);
        assertThat(m.get("seeds").get("networks")).hasSize(4);
        // Networks of one dataset share the data seed and differ in init and noise seeds.
        JsonNode s = m.get("seeds").get("networks");
        assertThat(s.get(0).get("data")).isEqualTo(s.get(1).get("data"));
        assertThat(s.get(0).get("data")).isNotEqualTo(s.get(2).get("data"));
        assertThat(s.get(0).get("init")).isNotEqualTo(s.get(1).get("init"));
        for (String k : List.of("grokphaseVersion", "startedAt", "finishedAt", "wallSeconds", "javaVersion", "osArch", "blasBackend")) {
            assertThat(m.has(k)).as(k).isTrue();
        }
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(lines.get(0)).isEqualTo("step,network,dataset,seed,trainLoss,testLoss,trainLinear,trainCubic,testLinear,testCubic,weightNormW,weightNormA,dropletFraction");
        assertThat(lines.stream().filter(l -> l.startsWith("400,")).count()).isEqualTo(4);
    }

    @Test
    void stoppedRunResumesBitIdenticallyAndConfigFileEqualsFlags() throws Exception {
        Path full = tmp.resolve("full");
        assertThat(CliRun.of(cubic(full)).exitCode()).isZero();

        Path cut = tmp.resolve("cut");
        TrainRun.stopAfterForTests = 200L;
        CliRun stopped = CliRun.of(cubic(cut));
        TrainRun.stopAfterForTests = null;
        assertThat(stopped.exitCode()).isZero();
        assertThat(Json.MAPPER.readTree(cut.resolve("manifest.json").toFile()).get("status").asText()).isEqualTo("interrupted");
        assertThat(cut.resolve("summary.json")).doesNotExist();
        // A fresh command object: the whole configuration comes from the manifest.
        CliRun resumed = CliRun.of("train", "cubic", "--resume", "--out", cut.toString(), "--progress", "none");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertSameRun(full, cut);
        JsonNode m = Json.MAPPER.readTree(cut.resolve("manifest.json").toFile());
        assertThat(m.get("status").asText()).isEqualTo("completed");
        assertThat(m.get("resumedFromStep").asLong()).isEqualTo(200);

        // The same run from a YAML config file (kebab and camel keys) with one flag on top.
        Path cfg = tmp.resolve("run.yaml");
        Files.writeString(cfg, String.join("\n", "n: 60", "n-test: 200", "N: 12", "d: 6", "sigma2: 0.2", "sigmaW2: 0.5", "sigma-a2: 0.5",
                "eps: -0.3", "sampler: langevin", "steps: 400", "seeds: 2", "datasets: 2", "seed: 99", "log-points: 15",
                "logEvery: 40", "checkpointEvery: 100", "threads: 1", ""));
        Path viaConfig = tmp.resolve("cfg");
        assertThat(CliRun.of("train", "cubic", "--config", cfg.toString(), "--seed", "3", "--progress", "none",
                "--out", viaConfig.toString()).exitCode()).isZero();
        assertSameRun(full, viaConfig);
    }

    @Test
    void float32AdamwMinibatchRunResumesBitIdentically() throws Exception {
        String[] args = {"train", "modular", "--P", "11", "--train-fraction", "0.6", "--N", "24", "--optimizer", "adamw",
                "--lr", "1e-2", "--weight-decay", "1", "--precision", "float32", "--batch-size", "16", "--steps", "120",
                "--seeds", "2", "--datasets", "1", "--checkpoint-every", "30", "--threads", "1", "--progress", "none", "--out"};
        Path full = tmp.resolve("full32");
        assertThat(CliRun.of(with(args, full.toString())).exitCode()).isZero();
        Path cut = tmp.resolve("cut32");
        TrainRun.stopAfterForTests = 60L;
        assertThat(CliRun.of(with(args, cut.toString())).exitCode()).isZero();
        TrainRun.stopAfterForTests = null;
        assertThat(CliRun.of("train", "modular", "--resume", "--out", cut.toString(), "--progress", "none").exitCode()).isZero();
        assertSameRun(full, cut);
        assertThat(Checkpoint.read(cut.resolve("checkpoint/state.bin"))).containsKeys("g0/f:w", "g0/f:adam.mW");
    }

    private static String[] with(String[] args, String last) {
        String[] a = java.util.Arrays.copyOf(args, args.length + 1);
        a[args.length] = last;
        return a;
    }

    @Test
    void sigkilledProcessResumesToTheSameNumbers() throws Exception {
        Path full = tmp.resolve("full");
        assertThat(CliRun.of(cubic(full)).exitCode()).isZero();

        Path killed = tmp.resolve("killed");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-D" + TrainRun.SLOW_PROPERTY + "=25",
                "dev.grokphase.app.GrokphaseCli"));
        cmd.addAll(List.of(cubic(killed)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        Path ckpt = killed.resolve("checkpoint/state.bin");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(ckpt) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(p.isAlive()).as("child still training when its first checkpoint appears; log: %s",
                Files.readString(tmp.resolve("child.log"))).isTrue();
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Json.MAPPER.readTree(killed.resolve("manifest.json").toFile()).get("status").asText()).isEqualTo("running");
        assertThat(killed.resolve("summary.json")).doesNotExist();
        long before = Checkpoint.read(ckpt).entrySet().stream().filter(e -> e.getKey().equals("step"))
                .mapToLong(e -> ((long[]) e.getValue())[0]).findFirst().orElseThrow();
        assertThat(before).isBetween(100L, 399L);

        CliRun resumed = CliRun.of("train", "cubic", "--resume", "--out", killed.toString(), "--progress", "none");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertSameRun(full, killed);
    }

    @Test
    void divergenceStopsWithOneLineKeepsTheLogAndMarksTheManifest() throws Exception {
        Path out = tmp.resolve("div");
        CliRun r = CliRun.of("train", "modular", "--P", "5", "--N", "8", "--optimizer", "sgd", "--lr", "1e6",
                "--steps", "50", "--progress", "none", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).containsPattern("diverged (at|after) step \\d+");
        JsonNode m = Json.MAPPER.readTree(out.resolve("manifest.json").toFile());
        assertThat(m.get("status").asText()).isEqualTo("diverged");
        assertThat(Files.readAllLines(out.resolve("metrics.csv")).size()).isGreaterThan(1);
    }

    @Test
    void existingRunDirectoryIsNotOverwritten() throws Exception {
        Path out = tmp.resolve("x");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        CliRun r = CliRun.of(cubic(out));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--out").contains("--resume");
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
    }
}
