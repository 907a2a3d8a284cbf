package dev.grokphase.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.app.CliRun;
import dev.grokphase.io.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TheoryCubicCommandTest {

    private static final String[] FIG2 = {"theory", "cubic", "--n", "3000", "--N", "700", "--d", "150", "--sigma-w2", "0.5",
            "--sigma-a2", "0.0114285714", "--eps", "-0.3"};

    /** The Fig. 2 point without --n, for tests that sweep n. */
    private static final String[] FIG2_NO_N = {"theory", "cubic", "--N", "700", "--d", "150", "--sigma-w2", "0.5",
            "--sigma-a2", "0.0114285714", "--eps", "-0.3"};

    private static String[] args(String[] head, String... tail) {
        String[] a = new String[head.length + tail.length];
        System.arraycopy(head, 0, a, 0, head.length);
        System.arraycopy(tail, 0, a, head.length, tail.length);
        return a;
    }

    private static List<JsonNode> lines(CliRun r) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                out.add(Json.MAPPER.readTree(line));
            }
        }
        return out;
    }

    /** The issue's exact command: 21 points, every required key, the phase switches between σ² = 0.17 and 0.18. */
    @Test
    void issueCommandPrintsEveryKeyAndTheTransition() throws Exception {
        CliRun r = CliRun.of(args(FIG2, "--sigma2", "0.10:0.30:0.01", "--limit", "thermodynamic", "--format", "jsonl"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<JsonNode> rows = lines(r);
        assertThat(rows).hasSize(21);
        for (JsonNode row : rows) {
            for (String k : List.of("sigma2", "n", "N", "d", "u", "r", "b", "c", "qStar", "dropletWeight", "phase",
                    "learnedLinear", "learnedCubic", "branch", "allBranches")) {
                assertThat(row.has(k)).as(k).isTrue();
            }
        }
        assertThat(rows.get(7).get("phase").asText()).isEqualTo("GMFL-I");   // σ² = 0.17
        assertThat(rows.get(8).get("phase").asText()).isEqualTo("GFL");      // σ² = 0.18
        assertThat(rows.get(0).get("learnedCubic").asDouble()).isGreaterThan(0.1);
        assertThat(rows.get(20).get("learnedCubic").asDouble()).isZero();
    }

    /** --transition: one object, σ²_c ≈ 0.18, u_c within 3% of the paper's 30.2, 4 significant digits. */
    @Test
    void transitionObjectMatchesThePaper() throws Exception {
        CliRun r = CliRun.of(args(FIG2, "--sigma2", "0.10:0.30:0.01", "--transition", "--format", "jsonl"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<JsonNode> rows = lines(r);
        assertThat(rows).hasSize(1);
        JsonNode t = rows.get(0);
        assertThat(t.get("sigma2c").asDouble()).isCloseTo(0.18, within(0.005));
        assertThat(t.get("uc").asDouble()).isCloseTo(30.2, within(0.03 * 30.2));
        assertThat(t.get("sigma2Spinodal").asDouble()).isGreaterThan(t.get("sigma2c").asDouble());
        assertThat(t.get("uSpinodal").asDouble()).isLessThan(t.get("uc").asDouble());
        assertThat(t.get("qStar").asDouble()).isBetween(0.5, 1.2);
        for (String k : List.of("uSpinodal", "uc", "sigma2Spinodal", "sigma2c", "qStar")) {
            String digits = t.get(k).asText().replace("-", "").replace(".", "").replaceFirst("^0+", "");
            assertThat(digits.length()).as(k + " = " + t.get(k).asText()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void transitionAlongTheSampleSizeNamesItsKeys() throws Exception {
        CliRun r = CliRun.of(args(FIG2_NO_N, "--sigma2", "0.2", "--n", "2000:5000:100", "--transition", "--format", "jsonl"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode t = lines(r).get(0);
        assertThat(t.has("nSpinodal") && t.has("nc")).isTrue();
        assertThat(t.get("nc").asDouble()).isGreaterThan(t.get("nSpinodal").asDouble());
        // Same u_c as the σ² path? Not in general (r differs); it must still be a first-order point with u_c > u_spinodal.
        assertThat(t.get("uc").asDouble()).isGreaterThan(t.get("uSpinodal").asDouble());
    }

    /** Must show, end to end: the β/α scaling of Table 1 leaves every invariant output unchanged. */
    @Test
    void betaAlphaScalingLeavesOutputsUnchanged() throws Exception {
        List<JsonNode> base = lines(CliRun.of(args(FIG2, "--sigma2", "0.10:0.30:0.04", "--format", "jsonl")));
        List<JsonNode> scaled = lines(CliRun.of(args(FIG2, "--sigma2", "0.10:0.30:0.04", "--beta", "2", "--alpha", "2", "--format", "jsonl")));
        assertThat(scaled).hasSameSizeAs(base);
        for (int i = 0; i < base.size(); i++) {
            JsonNode a = base.get(i);
            JsonNode b = scaled.get(i);
            assertThat(b.get("N").asDouble()).isCloseTo(1400, within(1e-9));
            assertThat(b.get("n").asDouble()).isCloseTo(6000, within(1e-9));
            assertThat(b.get("phase").asText()).isEqualTo(a.get("phase").asText());
            for (String k : List.of("u", "r", "b", "c", "dropletWeight", "learnedLinear", "learnedCubic", "sigma2")) {
                assertThat(b.get(k).asDouble()).as(k).isCloseTo(a.get(k).asDouble(), within(1e-8 * (1 + Math.abs(a.get(k).asDouble()))));
            }
        }
    }

    @Test
    void finiteLimitAndCsvAndDistribution() throws Exception {
        CliRun csv = CliRun.of(args(FIG2, "--sigma2", "0.15:0.2:0.05", "--limit", "finite", "--format", "csv"));
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        String[] lines = csv.out().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("sigma2,n,N,d,u,r,b,c,qStar,dropletWeight");
        CliRun dist = CliRun.of(args(FIG2, "--sigma2", "0.15", "--limit", "finite", "--distribution", "--format", "jsonl"));
        assertThat(dist.exitCode()).as(dist.err()).isZero();
        JsonNode row = lines(dist).get(0);
        assertThat(row.get("q")).hasSize(201);
        assertThat(row.get("minusLogP")).hasSize(201);
        assertThat(row.get("limit").asText()).isEqualTo("finite");
    }

    @Test
    void gpBaselineAddsItsColumns() throws Exception {
        CliRun r = CliRun.of("theory", "cubic", "--d", "8", "--n", "200:400:200", "--sigma2", "0.1", "--sigma-a2", "0.05",
                "--gp", "--gp-test-points", "500", "--format", "jsonl");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<JsonNode> rows = lines(r);
        assertThat(rows).hasSize(2);
        for (JsonNode row : rows) {
            for (String k : List.of("gpLinear", "gpCubic", "gpLinearEK", "gpCubicEK", "gpHalfCubicN")) {
                assertThat(row.has(k)).as(k).isTrue();
            }
            assertThat(row.get("gpLinear").asDouble()).isBetween(0.0, 1.2);
        }
    }

    @Test
    void twoRangesAreRejectedNamingBoth() {
        CliRun r = CliRun.of(args(FIG2_NO_N, "--sigma2", "0.1:0.3:0.1", "--n", "1000:2000:500"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--sigma2 and --n").contains("only one").doesNotContain("Exception");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void badValuesAreOneLineErrorsWithExitTwo() {
        String[][] cases = {
                {"--sigma-a2", "-1", "--sigma-a2 = -1.0 is out of range"},
                {"--sigma-w2", "-0.5", "--sigma-w2 = -0.5 is out of range"},
                {"--sigma2", "-0.1", "--sigma2 = -0.1 is out of range"},
                {"--sigma2", "0.3:0.1:0.01", "reversed"},
                {"--sigma2", "0.1:0.3:0", "step must be > 0"},
                {"--n", "abc", "'abc' is not a finite number"},
                {"--beta", "0", "--beta = 0.0 is out of range"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.of("theory", "cubic", c[0], c[1]);
            assertThat(r.exitCode()).as(String.join(" ", c)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", c)).contains(c[2]).doesNotContain("Exception").doesNotContain("\tat ");
        }
        CliRun d = CliRun.of("theory", "cubic", "--d", "abc");
        assertThat(d.exitCode()).isEqualTo(2);
        assertThat(d.err()).contains("--d").contains("abc");
        CliRun dist = CliRun.of("theory", "cubic", "--distribution");
        assertThat(dist.exitCode()).isEqualTo(2);
        assertThat(dist.err()).contains("--distribution").contains("jsonl");
    }

    @Test
    void helpShowsDefaults() {
        CliRun r = CliRun.of("theory", "cubic", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--sigma2", "default: 0.10:0.30:0.01", "--limit", "--transition", "--beta", "--alpha",
                "--distribution", "--q-grid", "--gp");
    }
}
