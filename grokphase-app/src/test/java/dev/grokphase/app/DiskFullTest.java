package dev.grokphase.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.io.Json;
import dev.grokphase.store.MetricsCsv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full disk during training: the error names the file that could not be written, the manifest
 * records {@code failed}, and metrics.csv keeps whole rows only. Simulated (an IOException after
 * half of a log point's bytes) always; on a real, tiny tmpfs where this machine lets us mount one.
 */
class DiskFullTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clearFault() {
        MetricsCsv.faultForTests = null;
    }

    static String[] train(Path out, String steps) {
        return new String[]{"train", "cubic", "--n", "10", "--n-test", "10", "--N", "3", "--d", "3", "--steps", steps,
                "--log-points", "0", "--log-every", "1", "--seeds", "3", "--threads", "1", "--progress", "none",
                "--out", out.toString()};
    }

    @Test
    void aFailedAppendNamesMetricsCsvMarksTheManifestFailedAndLeavesNoPartialRow() throws Exception {
        Path ref = tmp.resolve("ref");
        assertThat(CliRun.of(train(ref, "40")).exitCode()).isZero();
        AtomicInteger appends = new AtomicInteger();
        MetricsCsv.faultForTests = (channel, rows) -> {
            if (appends.incrementAndGet() == 6) {
                ByteBuffer half = rows.duplicate();
                half.limit(rows.position() + rows.remaining() / 2);
                channel.write(half); // part of a row reaches the file, as on a disk that fills mid-write
                throw new IOException("No space left on device (simulated)");
            }
        };
        Path out = tmp.resolve("full");
        CliRun r = CliRun.of(train(out, "40"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).startsWith("grokphase: error: cannot append to " + out.resolve("metrics.csv"))
                .contains("No space left on device (simulated)");
        JsonNode m = Json.MAPPER.readTree(out.resolve("manifest.json").toFile());
        assertThat(m.get("status").asText()).isEqualTo("failed");
        assertThat(m.get("error").asText()).contains("metrics.csv");
        // Header + 5 whole log points of 3 networks, exactly the reference's first rows.
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(rows).hasSize(1 + 5 * 3);
        assertThat(Files.readString(out.resolve("metrics.csv")))
                .isEqualTo(String.join("\n", Files.readAllLines(ref.resolve("metrics.csv")).subList(0, 16)) + "\n");
    }

    @Test
    void onARealFullTmpfsTheRunFailsWithOneLineAndAResumableDirectory() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", mnt.toString()) == 0,
                "cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN): the simulated test stands in");
        try {
            Path out = mnt.resolve("run");
            CliRun r = CliRun.of(train(out, "2000"));
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).hasLineCount(1).contains("No space left on device").doesNotContain("Exception");
            String text = Files.readString(out.resolve("metrics.csv"));
            assertThat(text).endsWith("\n");
            int columns = text.lines().findFirst().orElseThrow().split(",").length;
            assertThat(text.lines()).allMatch(l -> l.split(",", -1).length == columns);
            if (Files.exists(out.resolve("manifest.json"))) {
                JsonNode m = Json.MAPPER.readTree(out.resolve("manifest.json").toFile());
                assertThat(m.get("status").asText()).isEqualTo("failed");
            }
        } finally {
            run("umount", mnt.toString());
        }
    }

    private static int run(String... cmd) throws Exception {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
