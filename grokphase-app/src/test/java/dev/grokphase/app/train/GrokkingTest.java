package dev.grokphase.app.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.app.CliRun;
import dev.grokphase.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The small version of the README's grokking recipe: AdamW on modular addition with the quadratic
 * network, MSE on one-hot targets (Gromov's setting, paper-notes §5.9). Train accuracy saturates
 * first; test accuracy passes 95 % strictly later. Fixed seed 1 (data split, init).
 */
class GrokkingTest {

    @Test
    void adamwOnModularAdditionGroksTrainFirstTestLater(@TempDir Path tmp) throws Exception {
        CliRun r = CliRun.of("train", "modular", "--P", "23", "--train-fraction", "0.5", "--N", "200", "--activation", "square",
                "--targets", "onehot", "--optimizer", "adamw", "--lr", "1e-2", "--betas", "0.9,0.98", "--weight-decay", "5",
                "--init-std-w", "0.1", "--init-std-a", "0.1", "--output-scale", "1", "--loss", "mse", "--steps", "300",
                "--log-every", "5", "--log-points", "0", "--seed", "1", "--threads", "1", "--progress", "none",
                "--format", "json", "--out", tmp.resolve("grok").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode s = Json.MAPPER.readTree(r.out());
        assertThat(s.get("trainAccuracy99At").isNull()).isFalse();
        assertThat(s.get("testAccuracy95At").isNull()).isFalse();
        long trainAt = s.get("trainAccuracy99At").asLong();
        long testAt = s.get("testAccuracy95At").asLong();
        assertThat(trainAt).as("train saturates strictly before test passes 95%%").isLessThan(testAt);
        assertThat(s.get("trainAccuracy").asDouble()).isGreaterThanOrEqualTo(0.99);
        assertThat(s.get("testAccuracy").asDouble()).isGreaterThan(0.95);
        for (String k : new String[]{"trainLoss", "testLoss", "trainAccuracy", "testAccuracy", "steps"}) {
            assertThat(s.has(k)).as(k).isTrue();
        }
    }
}
