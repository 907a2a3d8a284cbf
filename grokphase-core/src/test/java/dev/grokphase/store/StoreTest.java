package dev.grokphase.store;

import dev.grokphase.error.GrokphaseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class StoreTest {

    @Test
    void checkpointRoundTripsEveryTypeBitExactly() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("m0/w", new double[]{1.5, -0.0, Double.NaN, Double.MIN_VALUE, Double.MAX_VALUE});
        m.put("m0/wf", new float[]{1.25f, Float.NaN});
        m.put("m0/rng", new long[]{Long.MIN_VALUE, 42});
        m.put("step", new int[]{7});
        Map<String, Object> back = Checkpoint.decode(Checkpoint.encode(m), "x");
        assertThat(back.keySet()).containsExactlyElementsOf(m.keySet());
        double[] w = (double[]) back.get("m0/w");
        for (int i = 0; i < w.length; i++) {
            assertThat(Double.doubleToRawLongBits(w[i])).isEqualTo(Double.doubleToRawLongBits(((double[]) m.get("m0/w"))[i]));
        }
        assertArrayEquals((float[]) m.get("m0/wf"), (float[]) back.get("m0/wf"));
        assertArrayEquals((long[]) m.get("m0/rng"), (long[]) back.get("m0/rng"));
        assertArrayEquals((int[]) m.get("step"), (int[]) back.get("step"));
    }

    @Test
    void everyTruncationAndAnyFlippedByteIsDetected() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", new double[]{1, 2, 3});
        m.put("b", new long[]{9});
        byte[] bytes = Checkpoint.encode(m);
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> Checkpoint.decode(cut, "c")).isInstanceOf(GrokphaseException.class)
                    .hasMessageContaining("damaged");
        }
        for (int i = 8; i < bytes.length; i++) {
            byte[] flipped = bytes.clone();
            flipped[i] ^= 0x10;
            assertThatThrownBy(() -> Checkpoint.decode(flipped, "c")).as("byte %d", i).isInstanceOf(GrokphaseException.class);
        }
    }

    @Test
    void resumeDropsRowsAfterTheCheckpointAndPartialLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("metrics.csv");
        List<String> cols = List.of("step", "network", "trainLoss");
        MetricsCsv csv = MetricsCsv.create(f, cols);
        csv.append(List.of(new Object[]{0L, 0, 1.0}, new Object[]{0L, 1, 2.0}));
        csv.append(List.<Object[]>of(new Object[]{10L, 0, 0.5}));
        String expected = Files.readString(f);
        csv.append(List.<Object[]>of(new Object[]{20L, 0, 0.25}));
        Files.writeString(f, Files.readString(f) + "30,0,0.1", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        MetricsCsv.resume(f, cols, 10);
        assertThat(Files.readString(f)).isEqualTo(expected);
        MetricsCsv.Table t = MetricsCsv.read(f);
        assertThat(t.rows()).hasSize(3);
        assertThat(t.rows().get(2)[t.column("trainLoss")]).isEqualTo(0.5);
        assertThatThrownBy(() -> MetricsCsv.resume(f, List.of("step", "other"), 10)).isInstanceOf(GrokphaseException.class);
    }

    @Test
    void newRunRefusesANonEmptyDirectoryAndOpenNeedsAManifest(@TempDir Path dir) throws Exception {
        RunDirectory rd = RunDirectory.createNew(dir.resolve("run"), "--out");
        rd.writeManifest(new LinkedHashMap<>(Map.of("status", "running")));
        assertThat(RunDirectory.open(rd.root(), "--out").readManifest()).containsEntry("status", "running");
        assertThatThrownBy(() -> RunDirectory.createNew(rd.root(), "--out")).hasMessageContaining("--out").hasMessageContaining("--resume");
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> RunDirectory.open(dir.resolve("empty"), "--out")).hasMessageContaining("manifest.json");
        // No temporary siblings are left behind by the atomic writes.
        try (var s = Files.list(rd.root())) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
