package dev.grokphase.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.app.CliRun;
import dev.grokphase.io.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TheoryModularCommandTest {

    private static List<JsonNode> jsonl(String out) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            rows.add(Json.MAPPER.readTree(line));
        }
        return rows;
    }

    @Test
    void fig3SweepInJsonlHasTheDocumentedKeysAndThePhases() throws Exception {
        CliRun r = CliRun.of("theory", "modular", "--P", "401", "--N", "1000", "--sigma-a2", "2e-6", "--gamma", "1e-4",
                "--sigma2", "0.15:0.25:0.001", "--normalization", "paper", "--no-check", "--format", "jsonl");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<JsonNode> rows = jsonl(r.out());
        assertThat(rows).hasSize(101);
        for (JsonNode row : rows) {
            assertThat(row.has("sigma2") && row.has("P") && row.has("N") && row.has("u") && row.has("a") && row.has("learned")
                    && row.has("fDrop") && row.has("actionGap") && row.has("phase")).isTrue();
            assertThat(row.get("learned").asDouble()).isCloseTo(1 - row.get("a").asDouble(), within(1e-15));
            assertThat(row.get("roots").asInt()).isEqualTo(1);
            assertThat(row.get("branch").asText()).isEqualTo("unique");
        }
        assertThat(rows.get(0).get("phase").asText()).isEqualTo("GMFL-II");
        assertThat(rows.get(50).get("phase").asText()).isEqualTo("GMFL-I");
        assertThat(rows.get(100).get("phase").asText()).isEqualTo("GFL");
        // the GFL end has |a| = 1; the GMFL-II end has |a| below 0.75
        assertThat(rows.get(100).get("a").asDouble()).isEqualTo(1.0);
        assertThat(rows.get(0).get("a").asDouble()).isLessThan(0.75);
    }

    @Test
    void integralLimitKeepsTheGpPartAndSaysWhereTheTheoryApplies() throws Exception {
        // the working point of docs/theory.md: inside the regime, no warning; the GP part is kept (σ² = 0.01
        // is GFL, where the saddle-point mixture reports learned = 0)
        CliRun r = CliRun.of("theory", "modular", "--P", "13", "--N", "240", "--sigma-a2", "8.5e-5", "--gamma", "4",
                "--sigma2", "0.005:0.01:0.005", "--limit", "integral", "--format", "jsonl");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<JsonNode> rows = jsonl(r.out());
        assertThat(rows).hasSize(2);
        for (JsonNode row : rows) {
            assertThat(row.get("branch").asText()).isEqualTo("integral");
            assertThat(row.get("limit").asText()).isEqualTo("integral");
            assertThat(row.get("applicable").asBoolean()).isTrue();
            assertThat(row.get("kappaDroplet").asDouble()).isBetween(0.0, 0.25);
        }
        double gp = 4 * 8.5e-5 / (4 * 8.5e-5 + 0.01);
        assertThat(rows.get(1).get("learned").asDouble()).isGreaterThan(gp);
        // the saddle-point mixture at the same point: learned 0, and the check reports its error
        JsonNode saddle = jsonl(CliRun.of("theory", "modular", "--P", "13", "--N", "240", "--sigma-a2", "8.5e-5", "--gamma", "4",
                "--sigma2", "0.01", "--format", "jsonl").out()).get(0);
        assertThat(saddle.get("learned").asDouble()).isZero();
        assertThat(saddle.get("saddleError").asDouble()).isCloseTo(rows.get(1).get("learned").asDouble(), within(1e-9));
        assertThat(saddle.get("applicable").asBoolean()).isFalse();
    }

    @Test
    void pointsOutsideTheRegimeWarnOnStderrOncePerKind() throws Exception {
        // the Fig. 3 point: one droplet neuron outweighs noise and kernel by ~1e3 (docs/theory.md)
        CliRun r = CliRun.of("theory", "modular", "--sigma2", "0.19:0.2:0.01", "--format", "jsonl");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err().strip().split("\n")).hasSize(1);
        assertThat(r.err()).startsWith("warning: theory modular: outside the theory's regime at 2 of 2 points")
                .contains("kappaDroplet");
        for (JsonNode row : jsonl(r.out())) {
            assertThat(row.get("applicable").asBoolean()).isFalse();
            assertThat(row.get("kappaDroplet").asDouble()).isGreaterThan(100);
        }
        CliRun quiet = CliRun.of("theory", "modular", "--sigma2", "0.2", "--no-check", "--format", "jsonl");
        assertThat(quiet.err()).isEmpty();
        assertThat(jsonl(quiet.out()).get(0).get("applicable").isNull()).isTrue();
        CliRun bad = CliRun.of("theory", "modular", "--transition", "--limit", "integral");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--limit");
    }

    @Test
    void actionGapIsNullWithoutANonZeroSaddle() throws Exception {
        // σ² = 0.3 is above the spinodal (0.2536): no non-zero saddle at all
        CliRun r = CliRun.of("theory", "modular", "--sigma2", "0.3", "--format", "jsonl");
        assertThat(r.exitCode()).isZero();
        JsonNode row = jsonl(r.out()).get(0);
        assertThat(row.get("actionGap").isNull()).isTrue();
        assertThat(row.get("fDrop").asDouble()).isZero();
    }

    @Test
    void transitionPrintsOneJsonObjectForEachNormalisationAndLimit() throws Exception {
        JsonNode paper = jsonl(CliRun.of("theory", "modular", "--transition", "--normalization", "paper").out()).get(0);
        assertThat(paper.get("sigma2c1").asDouble()).isBetween(0.227, 0.236);
        assertThat(paper.get("sigma2c2").asDouble()).isCloseTo(0.175, within(0.003));
        assertThat(paper.get("aAtC2").asDouble()).isBetween(0.70, 0.75);

        CliRun thermo = CliRun.of("theory", "modular", "--transition", "--limit", "thermodynamic", "--normalization", "paper");
        List<JsonNode> rows = jsonl(thermo.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("sigma2c1").asDouble()).isCloseTo(0.23602, within(1e-5));
        assertThat(rows.get(0).get("sigma2c2").asDouble()).isCloseTo(0.17602, within(1e-5));

        // exact is the default (the normalisation sampled networks follow)
        JsonNode exact = jsonl(CliRun.of("theory", "modular", "--transition").out()).get(0);
        assertThat(exact.get("sigma2c1").asDouble()).isCloseTo(0.236, within(5e-4));
        assertThat(exact.get("sigma2c2").isNull()).isTrue();
        assertThat(exact.get("normalization").asText()).isEqualTo("exact");
    }

    @Test
    void thermodynamicLimitFollowsTheLeverRule() throws Exception {
        List<JsonNode> rows = jsonl(CliRun.of("theory", "modular", "--limit", "thermodynamic", "--sigma2", "0.2",
                "--normalization", "paper", "--format", "jsonl").out());
        JsonNode row = rows.get(0);
        double c1 = 0.23601504270189347;
        assertThat(row.get("a").asDouble()).isCloseTo(0.2 / c1, within(1e-12));
        assertThat(row.get("fDrop").asDouble()).isCloseTo((c1 - 0.2) / 0.06, within(1e-9));
        assertThat(row.get("actionGap").asDouble()).isZero();
    }

    @Test
    void profileAddsTheActionAlongTheDiagonal() throws Exception {
        JsonNode row = jsonl(CliRun.of("theory", "modular", "--sigma2", "0.2", "--profile", "--profile-points", "11",
                "--format", "jsonl").out()).get(0);
        assertThat(row.get("profilePhi")).hasSize(11);
        assertThat(row.get("profileSPerP").get(0).asDouble()).isZero();
        CliRun csv = CliRun.of("theory", "modular", "--sigma2", "0.19:0.2:0.01", "--profile", "--profile-points", "5", "--format", "csv");
        assertThat(csv.exitCode()).isZero();
        String[] lines = csv.out().strip().split("\n");
        assertThat(lines[0]).isEqualTo("sigma2,P,N,sigmaA2,a,phase,phi,sPerP");
        assertThat(lines).hasSize(1 + 2 * 5);
    }

    @Test
    void transitionOverAWidthRangeIgnoresTheDefaultSigma2Range() throws Exception {
        List<JsonNode> rows = jsonl(CliRun.of("theory", "modular", "--N", "500:2000:500", "--transition").out());
        assertThat(rows).hasSize(4);
        // σ²_c1 ∝ N^{-1/2} (closed form §5.7): quadrupling N halves it
        assertThat(rows.get(3).get("sigma2c1").asDouble() / rows.get(0).get("sigma2c1").asDouble()).isCloseTo(0.5, within(1e-4));
        CliRun sweep = CliRun.of("theory", "modular", "--N", "500:2000:500");
        assertThat(sweep.exitCode()).isEqualTo(2);
        assertThat(sweep.err()).contains("give one value of --sigma2");
    }

    @Test
    void rangeOfPSkipsNonPrimes() throws Exception {
        List<JsonNode> rows = jsonl(CliRun.of("theory", "modular", "--P", "10:20:1", "--sigma2", "0.2", "--format", "jsonl").out());
        assertThat(rows.stream().map(r -> r.get("P").asInt())).containsExactly(11, 13, 17, 19);
    }

    @Test
    void gpBaselineReportsTestErrorOnARandomSubset() throws Exception {
        JsonNode row = jsonl(CliRun.of("theory", "modular", "--P", "13", "--sigma-a2", "0.05", "--sigma2", "0.01",
                "--gp-train-fraction", "0.5", "--seed", "5", "--format", "jsonl").out()).get(0);
        assertThat(row.get("gpTrainSize").asInt()).isEqualTo(85);
        assertThat(row.get("gpTestRelRmse").asDouble()).isGreaterThan(0.9);
        JsonNode low = jsonl(CliRun.of("theory", "modular", "--P", "13", "--sigma-a2", "0.05", "--sigma2", "0.01",
                "--gp-train-fraction", "0.5", "--seed", "5", "--gp-solver", "lowrank", "--format", "jsonl").out()).get(0);
        assertThat(low.get("gpTestRelRmse").asDouble()).isCloseTo(row.get("gpTestRelRmse").asDouble(), within(1e-10));
        JsonNode full = jsonl(CliRun.of("theory", "modular", "--sigma2", "0.2", "--gp-train-fraction", "1",
                "--format", "jsonl").out()).get(0);
        assertThat(full.get("gpTrainRelRmse").asDouble()).isCloseTo(0.2 / (8e-6 + 0.2), within(1e-9));
    }

    @Test
    void badInputIsOneLineWithExitTwo() {
        String[][] bad = {
                {"--P", "400"},
                {"--P", "24:28:1"},
                {"--sigma2", "-0.1"},
                {"--sigma2", "0.1:0.2:0.01", "--N", "100:200:50"},
                {"--gamma", "0"},
                {"--normalization", "wrong"},
                {"--gp-train-fraction", "1.5"},
                {"--sigma2", "0.3:0.1:0.01"},
        };
        for (String[] args : bad) {
            String[] full = new String[args.length + 2];
            full[0] = "theory";
            full[1] = "modular";
            System.arraycopy(args, 0, full, 2, args.length);
            CliRun r = CliRun.of(full);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(r.err().strip().split("\n")[0]).startsWith("grokphase: error:");
        }
        assertThat(CliRun.of("theory", "modular", "--P", "400").err()).contains("--P").contains("400").contains("prime");
    }

    @Test
    void helpShowsDefaults() {
        CliRun r = CliRun.of("theory", "modular", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--sigma2", "0.15:0.25:0.001", "exact|paper", "finite|thermodynamic", "non-primes are skipped");
    }
}
