package dev.grokphase.app;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.grokphase.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Equal seeds, equal bytes: the same training and the same sweep, each run in two separate JVMs
 * (and with a different thread count), leave byte-identical files. Compared: every file under the
 * output, the wall-clock members of the manifests aside ({@code startedAt}, {@code finishedAt}, {@code wallSeconds}, and {@code threads},
 * the machine's choice) and of the sweep summary (its {@code wallSeconds} column).
 */
class DeterminismTest {

    static final Set<String> WALL_CLOCK = Set.of("startedAt", "finishedAt", "wallSeconds", "threads");

    @TempDir
    Path tmp;

    @Test
    void theSameTrainingInTwoJvmsWritesTheSameBytes() throws Exception {
        List<String> args = List.of("train", "cubic", "--n", "30", "--n-test", "40", "--N", "5", "--d", "4", "--steps", "120",
                "--seeds", "2", "--datasets", "2", "--seed", "11", "--log-points", "12", "--log-every", "10",
                "--progress", "none");
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        ChildJvm ja = ChildJvm.start(tmp.resolve("a.log"), List.of(), concat(args, "--threads", "1", "--out", a.toString()));
        ChildJvm jb = ChildJvm.start(tmp.resolve("b.log"), List.of(), concat(args, "--threads", "2", "--out", b.toString()));
        assertThat(ja.await(180)).as(ja.output()).isZero();
        assertThat(jb.await(180)).as(jb.output()).isZero();
        assertThat(compareTrees(a, b)).isGreaterThanOrEqualTo(8);
    }

    @Test
    void theSameSweepInTwoJvmsWritesTheSameBytes() throws Exception {
        Path spec = Files.writeString(tmp.resolve("det.yaml"), """
                id: det
                title: determinism
                theory:
                  - id: curve
                    command: theory cubic
                    config: {sigma2: "0.1:0.3:0.1"}
                training:
                  - id: t
                    command: train modular
                    config: {P: 5, N: 6, steps: 30, log-points: 5, threads: 1}
                    grid: {seed: [1, 2]}
                """);
        // One after the other into the same path (run logs name their directory), moved aside in between.
        Path out = tmp.resolve("out");
        ChildJvm ja = ChildJvm.start(tmp.resolve("a.log"), List.of(), "sweep", spec.toString(), "--out", out.toString());
        assertThat(ja.await(180)).as(ja.output()).isZero();
        Path a = Files.move(out, tmp.resolve("a"));
        ChildJvm jb = ChildJvm.start(tmp.resolve("b.log"), List.of(), "sweep", spec.toString(), "--out", out.toString(),
                "--threads", "2");
        assertThat(jb.await(180)).as(jb.output()).isZero();
        assertThat(compareTrees(a, out)).isGreaterThanOrEqualTo(20);
    }

    /** Compares every file of two trees; returns how many were compared. */
    static int compareTrees(Path a, Path b) throws Exception {
        List<Path> fa = files(a);
        assertThat(files(b)).isEqualTo(fa);
        int n = 0;
        for (Path rel : fa) {
            String name = rel.getFileName().toString();
            if (name.equals("manifest.json")) {
                assertThat(withoutWallClock(Files.readString(b.resolve(rel)))).as(rel.toString())
                        .isEqualTo(withoutWallClock(Files.readString(a.resolve(rel))));
            } else if (name.equals("summary.csv")) {
                assertThat(withoutColumn(Files.readString(b.resolve(rel)), "wallSeconds")).as(rel.toString())
                        .isEqualTo(withoutColumn(Files.readString(a.resolve(rel)), "wallSeconds"));
            } else {
                assertThat(Files.readAllBytes(b.resolve(rel))).as(rel.toString()).isEqualTo(Files.readAllBytes(a.resolve(rel)));
            }
            n++;
        }
        return n;
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    private static String withoutWallClock(String json) throws Exception {
        Map<String, Object> m = Json.MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        m.keySet().removeAll(WALL_CLOCK);
        return Json.pretty(m);
    }

    private static String withoutColumn(String csv, String column) {
        List<String> lines = csv.lines().toList();
        int c = List.of(lines.get(0).split(",", -1)).indexOf(column);
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            List<String> cells = new ArrayList<>(List.of(l.split(",", -1)));
            cells.remove(c);
            out.add(String.join(",", cells));
        }
        return String.join("\n", out);
    }

    private static String[] concat(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
