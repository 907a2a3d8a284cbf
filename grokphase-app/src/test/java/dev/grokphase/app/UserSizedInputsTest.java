package dev.grokphase.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sizes a user types are refused before anything is allocated (exit 2, one line naming the option,
 * its value and the limit), and the theory answers at every σ² its validator accepts.
 */
class UserSizedInputsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "train cubic --N 100000000                          | --N = 100000000 is out of range",
            "train cubic --n 100000000                          | --n = 100000000 is out of range",
            "train cubic --d 2000000000                         | --d = 2000000000 is out of range",
            "train cubic --n-test 2000000000                    | --n-test = 2000000000 is out of range",
            "train cubic --seeds 100000 --datasets 100000       | --seeds = 100000 is out of range",
            "train cubic --N 1000000 --n 2000 --n-test 100      | needs about",
            "train modular --P 100003 --N 20                    | --P = 100003 is out of range",
            "theory modular --P 1000003 --gp-train-fraction 0.5 | --P = 1000003 is out of range",
            "theory modular --profile --profile-points 2000000000 | --profile-points = 2000000000 is out of range",
            "theory modular --grid 2000000000                   | --grid = 2000000000 is out of range",
            "theory cubic --gp --gp-max-n 100000000 --n 100000000 --d 10 | --n = 100000000 is out of range",
            "theory cubic --sigma2 1e-300                       | --sigma2 = 1.0E-300 is out of range: allowed sigma2 >= ",
            "theory modular --sigma2 1e-300                     | --sigma2 = 1.0E-300 is out of range: allowed sigma2 >= ",
            "theory cubic --n 2.5                               | --n = 2.5 is out of range: allowed integers >= 1",
    })
    void isRefusedInOneLineBeforeAllocating(String command, String expected) {
        String[] args = (command + " --out " + tmp.resolve("out")).split(" +");
        if (command.startsWith("theory")) {
            args = command.split(" +");
        }
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).startsWith("grokphase: error: ").contains(expected).doesNotContain("Exception");
        if (expected.equals("needs about")) {
            assertThat(r.err()).contains("this JVM has");
        }
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aSweepGridOfABillionRunsIsRefusedAtLoadEvenForADryRun() throws Exception {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            values.append(i == 0 ? "" : ", ").append(i + 1);
        }
        Path spec = Files.writeString(tmp.resolve("big.yaml"), "id: big\ntitle: big\ntraining:\n  - id: t\n    command: train cubic\n"
                + "    grid: {seed: [" + values + "], n: [" + values + "], N: [" + values + "]}\n");
        CliRun r = CliRun.of("sweep", spec.toString(), "--dry-run", "--out", tmp.resolve("store").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1)
                .contains("spec big.yaml: training[0]: expands to 1000000000 runs at scale quick (1 point(s) x 1000 seed x 1000 n x 1000 N)");
        assertThat(tmp.resolve("store")).doesNotExist();
    }

    /**
     * As σ² → 0 the cubic theory stays in GMFL-I and learns more of the cubic (learnedCubic → 1):
     * 2e-5 and 5e-5 agree on the phase, and the learned fraction grows as σ² falls. The old uniform
     * scan lost the mixed root below σ² ≈ 4e-5 and fell back to GFL (learnedCubic 0).
     */
    @Test
    void smallNoiseStaysInTheMixedPhaseAndLearnsMoreOfTheCubic() throws Exception {
        double previous = 0;
        for (String s : new String[]{"1e-3", "5e-5", "2e-5", "1e-8", "1e-12", "1e-100"}) {
            CliRun p = CliRun.of("theory", "cubic", "--sigma2", s, "--format", "jsonl");
            assertThat(p.exitCode()).as(s + ": " + p.err()).isZero();
            JsonNode row = Json.MAPPER.readTree(p.out().lines().findFirst().orElseThrow());
            assertThat(row.get("phase").asText()).as(s).isEqualTo("GMFL-I");
            double learned = row.get("learnedCubic").asDouble();
            assertThat(learned).as(s).isGreaterThan(previous).isLessThanOrEqualTo(1.0);
            previous = learned;
        }
        assertThat(previous).isGreaterThan(0.999999);
    }

    @Test
    void theTransitionAnswersFromFarOffStartsAndNeverReportsAValueTheUserDidNotGive() throws Exception {
        CliRun small = CliRun.of("theory", "cubic", "--sigma2", "1e-12", "--transition", "--format", "jsonl");
        assertThat(small.exitCode()).as(small.err()).isZero();
        CliRun reference = CliRun.of("theory", "cubic", "--transition", "--format", "jsonl");
        assertThat(Json.MAPPER.readTree(small.out()).get("sigma2c").asDouble())
                .isEqualTo(Json.MAPPER.readTree(reference.out()).get("sigma2c").asDouble());
        CliRun huge = CliRun.of("theory", "cubic", "--sigma2", "1e300", "--transition");
        assertThat(huge.exitCode()).isEqualTo(2);
        assertThat(huge.err()).hasLineCount(1).contains("no GFL -> GMFL-I transition found").doesNotContain("Infinity");
        CliRun outside = CliRun.of("theory", "cubic", "--n", "10:20:5", "--transition", "--format", "csv");
        assertThat(outside.exitCode()).isZero();
        assertThat(outside.err()).contains("the transition nc = 3357.0 lies outside the swept range 10.0:20.0:5.0");
    }
}
