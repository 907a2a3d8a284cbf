package dev.grokphase.app.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.app.CliRun;
import dev.grokphase.io.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The train commands with --sampler mala and replica exchange: outputs, resume, and one-line errors. */
class SamplerRunTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clearHook() {
        TrainRun.stopAfterForTests = null;
    }

    /** TrainRunTest's small cubic run with the sampler options of {@code extra} (its own --sampler replaced). */
    static String[] cubic(Path out, String... extra) {
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of(TrainRunTest.cubic(out)));
        int i = a.indexOf("--sampler");
        a.remove(i + 1);
        a.remove(i);
        a.addAll(java.util.List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void malaWithReplicasReportsAcceptanceAndResumesBitIdentically() throws Exception {
        String[] extra = {"--sampler", "mala", "--replicas", "3", "--max-temperature", "2.5", "--adapt-steps", "150"};
        Path full = tmp.resolve("full");
        CliRun r = CliRun.of(cubic(full, extra));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode s = Json.MAPPER.readTree(full.resolve("summary.json").toFile());
        assertThat(s.get("acceptance").asDouble()).isBetween(0.05, 1.0);
        assertThat(s.get("stepScale").asDouble()).isPositive();
        assertThat(s.has("swapAcceptance0to1")).isTrue();
        assertThat(s.has("swapAcceptance1to2")).isTrue();
        assertThat(s.has("swapAcceptance2to3")).isFalse();
        String header = Files.readAllLines(full.resolve("metrics.csv")).get(0);
        assertThat(header).endsWith(",acceptance,stepScale,swapAcceptance0to1,swapAcceptance1to2");
        JsonNode sampler = Json.MAPPER.readTree(full.resolve("observables/sampler.json").toFile());
        assertThat(sampler.get("groups")).hasSize(2); // two datasets
        JsonNode g = sampler.get("groups").get(0);
        assertThat(g.get("temperatures").get(2).asDouble()).isEqualTo(2.5);
        assertThat(g.get("networks").get(0).get("acceptanceByReplica")).hasSize(3);
        // only the T = 1 replicas are networks of the ensemble
        assertThat(s.get("networks").asInt()).isEqualTo(4);

        Path cut = tmp.resolve("cut");
        TrainRun.stopAfterForTests = 100L; // inside the adaptation, between checkpoints of 100
        assertThat(CliRun.of(cubic(cut, extra)).exitCode()).isZero();
        TrainRun.stopAfterForTests = null;
        CliRun resumed = CliRun.of("train", "cubic", "--resume", "--out", cut.toString(), "--progress", "none");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        TrainRunTest.assertSameRun(full, cut);
    }

    /**
     * Laplace droplet jumps from the CLI: recorded in the manifest's config, acceptance in
     * summary.json and metrics.csv, resume bit-identical; refused with a non-erf activation and on
     * train modular (one line, exit 2).
     */
    @Test
    void laplaceJumpsAreRecordedResumeAndAreRefusedWhereUnsupported() throws Exception {
        String[] extra = {"--sampler", "langevin", "--lr", "0.05", "--jump-every", "30", "--jump-kind", "laplace",
                "--jump-neurons", "5", "--jump-size", "1.0"};
        Path full = tmp.resolve("laplace");
        CliRun r = CliRun.of(cubic(full, extra));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode config = Json.MAPPER.readTree(full.resolve("manifest.json").toFile()).get("config");
        assertThat(config.get("jumpKind").asText()).isEqualTo("laplace");
        assertThat(config.get("jumpNeurons").asInt()).isEqualTo(5);
        JsonNode s = Json.MAPPER.readTree(full.resolve("summary.json").toFile());
        assertThat(s.get("jumpAcceptance").asDouble()).isBetween(0.0, 1.0);
        assertThat(Files.readAllLines(full.resolve("metrics.csv")).get(0)).endsWith(",jumpAcceptance");

        Path cut = tmp.resolve("laplace-cut");
        TrainRun.stopAfterForTests = 100L;
        assertThat(CliRun.of(cubic(cut, extra)).exitCode()).isZero();
        TrainRun.stopAfterForTests = null;
        CliRun resumed = CliRun.of("train", "cubic", "--resume", "--out", cut.toString(), "--progress", "none");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        TrainRunTest.assertSameRun(full, cut);

        for (String[] bad : new String[][] {
                cubic(tmp.resolve("b1"), "--sampler", "langevin", "--jump-every", "5", "--jump-kind", "laplace", "--activation", "relu"),
                cubic(tmp.resolve("b2"), "--sampler", "langevin", "--jump-every", "5", "--jump-neurons", "-2"),
                {"train", "modular", "--P", "5", "--N", "8", "--steps", "10", "--jump-kind", "laplace", "--progress", "none",
                        "--out", tmp.resolve("b3").toString()}}) {
            CliRun b = CliRun.of(bad);
            assertThat(b.exitCode()).as(b.err()).isEqualTo(2);
            assertThat(b.err().strip()).doesNotContain("\n").doesNotContain("Exception").contains("--jump-");
        }
    }

    @Test
    void modularMalaRunsWithTheSamplerAlias() throws Exception {
        Path out = tmp.resolve("mod");
        CliRun r = CliRun.of("train", "modular", "--P", "5", "--train-fraction", "1", "--targets", "centred", "--N", "8",
                "--sampler", "mala", "--sigma2", "0.5", "--sigma-a2", "1", "--gamma", "0.2", "--lr", "0.01", "--init-std-w", "1",
                "--init-std-a", "0.35", "--steps", "60", "--threads", "1", "--progress", "none", "--format", "json",
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode s = Json.MAPPER.readTree(r.out());
        assertThat(s.get("acceptance").asDouble()).isBetween(0.05, 1.0);
        assertThat(Json.MAPPER.readTree(out.resolve("manifest.json").toFile()).get("config").get("optimizer").asText())
                .isEqualTo("mala");
    }

    @Test
    void badSamplerOptionsFailWithOneLine() {
        for (String[] extra : new String[][] {
                {"--sampler", "langevin", "--replicas", "3"},
                {"--sampler", "mala", "--replicas", "0"},
                {"--sampler", "mala", "--replicas", "3", "--max-temperature", "0.5"},
                {"--sampler", "mala", "--target-acceptance", "1.2"},
                {"--sampler", "mala", "--batch-size", "10"},
                {"--sampler", "mala", "--replicas", "3", "--swap-every", "0"}}) {
            CliRun r = CliRun.of(cubic(tmp.resolve("bad" + extra.length + extra[extra.length - 1]), extra));
            assertThat(r.exitCode()).as(String.join(" ", extra) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().strip()).as(String.join(" ", extra)).doesNotContain("\n").doesNotContain("Exception");
        }
    }
}
