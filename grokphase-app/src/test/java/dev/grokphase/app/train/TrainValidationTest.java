package dev.grokphase.app.train;

import dev.grokphase.app.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad values exit with code 2 and one line naming the flag; nothing is trained or written. */
class TrainValidationTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "cubic, --sigma2, -0.1",
            "cubic, --sigma-w2, -1",
            "cubic, --sigma-a2, 0",
            "cubic, --lr, 0",
            "cubic, --lr, -1e-3",
            "cubic, --N, 0",
            "cubic, --steps, 0",
            "cubic, --seeds, 0",
            "cubic, --momentum, 1",
            "modular, --train-fraction, 0",
            "modular, --train-fraction, 1.5",
            "modular, --P, 91",
            "modular, --P, 1",
            "modular, --lr, 0",
            "modular, --weight-decay, -1",
            "modular, --betas, '0.9,1.2'",
            "modular, --activation, tanh",
            "modular, --optimizer, adam2",
            "modular, --loss, hinge",
            "cubic, --sampler, hmc",
    })
    void badValueExitsTwoWithOneLineNamingTheFlag(String task, String flag, String value) {
        Path out = tmp.resolve("run");
        CliRun r = CliRun.of("train", task, flag, value, "--steps", flag.equals("--steps") ? value : "3", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        String first = r.err().lines().findFirst().orElse("");
        assertThat(first).startsWith("grokphase: error:").contains(flag);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void configFileUnknownKeyAndUnreadableFileAreOneLineErrors() throws Exception {
        Path cfg = tmp.resolve("c.yaml");
        Files.writeString(cfg, "sigma2: 0.2\nsigmaW3: 1\n");
        CliRun r = CliRun.of("train", "cubic", "--config", cfg.toString(), "--out", tmp.resolve("r").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--config").contains("sigmaW3").contains("unknown key");
        Files.writeString(cfg, "sigma-w2: -1\n");
        CliRun bad = CliRun.of("train", "cubic", "--config", cfg.toString(), "--out", tmp.resolve("r").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--sigma-w2 = -1.0 is out of range");
        CliRun missing = CliRun.of("train", "cubic", "--config", tmp.resolve("nope.json").toString(), "--out", tmp.resolve("r").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--config");
    }

    @Test
    void resumeOfAMissingRunNamesOut() {
        CliRun r = CliRun.of("train", "modular", "--resume", "--out", tmp.resolve("none").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--out").contains("manifest.json");
    }
}
