package dev.grokphase.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.app.CliRun;
import dev.grokphase.app.train.EngineNetworks;
import dev.grokphase.experiment.Experiment;
import dev.grokphase.io.Json;
import dev.grokphase.task.Dataset;
import dev.grokphase.task.Targets;
import dev.grokphase.theory.ak.CubicDataTheory;
import dev.grokphase.theory.ak.ModularDataTheory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --limit data} and {@code theory ak}: same datasets as train, output keys, bad input. */
class DataAwareCommandTest {

    /** Tiny sampler settings: the point is the plumbing, not the physics. */
    private static final String[] FAST = {"--chains", "4", "--batches", "2", "--rungs", "3", "--burn-in", "20",
            "--samples", "40", "--thin", "1", "--max-passes", "6"};

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** theory cubic --limit data --datasets 3 --data-seed 5 sees byte-identical data to train cubic --datasets 3 --seed 5. */
    @Test
    void cubicDatasetsAreTheTrainersDatasets() {
        TrainCubicCommand train = new TrainCubicCommand();
        new CommandLine(train).parseArgs("--n", "50", "--d", "7", "--n-test", "30", "--eps", "-0.3", "--datasets", "3", "--seed", "5");
        List<Experiment.Network> nets = EngineNetworks.cubic(train, 5, 3, 1, 1);
        List<Dataset> theory = CubicDataTheory.datasets(new CubicDataTheory.Point(50, 30, 88, 7, 0.1, 0.5, 0.03, -0.3), 5, 3);
        assertThat(nets).hasSize(3);
        for (int j = 0; j < 3; j++) {
            Dataset a = nets.get(j).data();
            Dataset b = theory.get(j);
            assertThat(b.xTrain()).isEqualTo(a.xTrain());
            assertThat(b.yTrain()).isEqualTo(a.yTrain());
            assertThat(b.xTest()).isEqualTo(a.xTest());
            assertThat(b.teacherDirection()).isEqualTo(a.teacherDirection());
        }
        assertThat(theory.get(0).xTrain()).isNotEqualTo(theory.get(1).xTrain());
    }

    @Test
    void modularDatasetsAreTheTrainersDatasets() {
        TrainModularCommand train = new TrainModularCommand();
        new CommandLine(train).parseArgs("--P", "7", "--train-fraction", "0.6", "--targets", "centred", "--seed", "9");
        train.resolveDefaults();
        List<Experiment.Network> nets = EngineNetworks.modular(train, 9, 2, 1, 1);
        List<Dataset> theory = ModularDataTheory.datasets(
                new ModularDataTheory.Point(7, 0.6, Targets.CENTRED, 100, 1e-3, 0.01, 0), 9, 2);
        for (int j = 0; j < 2; j++) {
            Dataset a = nets.get(j).data();
            Dataset b = theory.get(j);
            assertThat(b.xTrain()).isEqualTo(a.xTrain());
            assertThat(b.yTrain()).isEqualTo(a.yTrain());
            assertThat(b.xTest()).isEqualTo(a.xTest());
            assertThat(b.trainPairs()).isEqualTo(a.trainPairs());
        }
    }

    @Test
    void cubicDataRowHasTheTheoryKeys() throws Exception {
        CliRun r = CliRun.of(concat(new String[] {"theory", "cubic", "--limit", "data", "--n", "40", "--N", "20", "--d", "5",
                "--sigma-a2", "0.05", "--sigma2", "0.2", "--n-test", "50", "--format", "jsonl", "--predictions"}, FAST));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode row = Json.MAPPER.readTree(r.out().strip());
        for (String k : List.of("sigma2", "n", "N", "d", "learnedLinear", "learnedLinearErr", "learnedCubic", "learnedCubicErr",
                "dropletFraction", "phase", "converged", "diagnostics", "predictions", "learnedLinearPopulation",
                "learnedLinearPopulationErr", "learnedCubicPopulation", "learnedCubicPopulationErr", "aboveThreshold",
                "aboveThresholdErr", "dropletThreshold", "perDataset")) {
            assertThat(row.has(k)).as(k).isTrue();
        }
        // One dataset: its own row is the average.
        assertThat(row.get("perDataset")).hasSize(1);
        assertThat(row.get("perDataset").get(0).get("learnedCubicPopulation").asDouble())
                .isEqualTo(row.get("learnedCubicPopulation").asDouble());
        assertThat(row.get("dropletThreshold").asDouble()).isEqualTo(0.8);
        assertThat(row.get("predictions").get(0).get("train")).hasSize(40);
        assertThat(row.get("predictions").get(0).get("test")).hasSize(50);
        assertThat(row.get("learnedLinear").asDouble()).isBetween(0.0, 1.2);
    }

    @Test
    void modularDataRowHasTheTheoryKeys() throws Exception {
        CliRun r = CliRun.of(concat(new String[] {"theory", "modular", "--limit", "data", "--P", "5", "--N", "50",
                "--sigma-a2", "0.01", "--gamma", "1", "--sigma2", "0.05", "--format", "jsonl"}, FAST));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode row = Json.MAPPER.readTree(r.out().strip());
        for (String k : List.of("sigma2", "P", "N", "a", "aErr", "learned", "dropletFraction", "phase", "converged")) {
            assertThat(row.has(k)).as(k).isTrue();
        }
        assertThat(row.get("learned").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void akReadsCsvAndNpy(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        int n = 20;
        double[] flat = new double[n * 3];
        for (int i = 0; i < n; i++) {
            double a = Math.sin(i);
            double b = Math.cos(3 * i);
            flat[3 * i] = a;
            flat[3 * i + 1] = b;
            flat[3 * i + 2] = a - 0.5 * b;
            csv.append(a).append(',').append(b).append(',').append(a - 0.5 * b).append('\n');
        }
        Path c = dir.resolve("train.csv");
        Files.writeString(c, csv);
        Path npy = dir.resolve("train.npy");
        Files.write(npy, npy(flat, n, 3));
        CliRun a = CliRun.of(concat(new String[] {"theory", "ak", "--data", c.toString(), "--activation", "erf", "--N", "30",
                "--sigma-a2", "1", "--sigma2", "0.1", "--format", "csv", "--no-errors"}, FAST));
        assertThat(a.exitCode()).as(a.err()).isZero();
        CliRun b = CliRun.of(concat(new String[] {"theory", "ak", "--data", npy.toString(), "--activation", "erf", "--N", "30",
                "--sigma-a2", "1", "--sigma2", "0.1", "--format", "csv", "--no-errors"}, FAST));
        assertThat(b.exitCode()).as(b.err()).isZero();
        // same numbers from the same data in both formats (same seed: identical output but the wall time)
        assertThat(b.out().replaceAll(",[0-9.]+\\s*$", "")).isEqualTo(a.out().replaceAll(",[0-9.]+\\s*$", ""));
        assertThat(a.out()).contains("trainFit");
    }

    @Test
    void akRejectsMalformedFilesWithOneLine(@TempDir Path dir) throws Exception {
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "1,2,3\n4,5\n");
        CliRun r = CliRun.of("theory", "ak", "--data", ragged.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("--data").contains("line 2");

        Path word = dir.resolve("word.csv");
        Files.writeString(word, "1,2\n3,abc\n");
        CliRun w = CliRun.of("theory", "ak", "--data", word.toString());
        assertThat(w.exitCode()).isEqualTo(2);
        assertThat(w.err()).contains("abc");

        Path bad = dir.resolve("bad.npy");
        Files.write(bad, "not numpy at all".getBytes(StandardCharsets.US_ASCII));
        CliRun b = CliRun.of("theory", "ak", "--data", bad.toString());
        assertThat(b.exitCode()).isEqualTo(2);
        assertThat(b.err()).contains(".npy");

        Path one = dir.resolve("one.csv");
        Files.writeString(one, "1\n2\n");
        CliRun o = CliRun.of("theory", "ak", "--data", one.toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("--outputs");

        CliRun missing = CliRun.of("theory", "ak", "--data", dir.resolve("nope.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
    }

    static byte[] npy(double[] data, int rows, int cols) {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteBuffer bb = ByteBuffer.allocate(10 + header.length() + data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bb.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        bb.putShort((short) header.length());
        bb.put(header.getBytes(StandardCharsets.US_ASCII));
        for (double v : data) {
            bb.putDouble(v);
        }
        return bb.array();
    }
}
