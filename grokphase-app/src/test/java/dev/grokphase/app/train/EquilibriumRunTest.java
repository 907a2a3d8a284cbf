package dev.grokphase.app.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grokphase.app.CliRun;
import dev.grokphase.io.Json;
import dev.grokphase.store.MetricsCsv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two starts, run length by effective samples, and the droplet fraction, end to end on the real engine. */
class EquilibriumRunTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clearHook() {
        TrainRun.stopAfterForTests = null;
    }

    /**
     * A small GFL point (σ² = 0.2, d = 6, N = 12): one well, so both starts must end in the same state.
     * Seed 8 (was 5): with the ziggurat noise and the fused data pass (issue 9, third round) seed
     * 5's long run has its two starts 3.07 s.e. apart on testCubic and 3.22 on dropletFraction. Over
     * seeds 5–62 the six two-start z statistics of the long run give |z| > 2 in 28 of 336 and
     * |z| > 3 in 4 (mean z² 1.48) with the new engine, against 30 of 342 and 2 (mean z² 1.24) with
     * the engine before (main 6abb325): the same law within the seed-to-seed scatter, so seed 5 is
     * one of the test's false alarms (a seed fails when any of its six |z| exceeds 3: 3 seeds
     * of 57 with the new engine, 1 of 58 before).
     */
    static String[] small(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "cubic", "--n", "60", "--n-test", "200", "--N", "12", "--d", "6",
                "--sigma2", "0.2", "--sigma-w2", "0.5", "--sigma-a2", "0.5", "--eps", "-0.3", "--seeds", "2", "--datasets", "2",
                "--seed", "8", "--threads", "1", "--progress", "none", "--out", out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    static JsonNode json(Path p) throws Exception {
        return Json.MAPPER.readTree(p.toFile());
    }

    @Test
    void twoStartsAgreeAfterALongRunAndDisagreeWhileTheAlignedStartHasNotRelaxed() throws Exception {
        Path longRun = tmp.resolve("long");
        // --lr 0.025: from aligned:2, unadjusted Langevin at the default 0.05 diverges on about half
        // of the seeds (3 of 6 with the engine before issue 9, 5 of 6 after its noise change); at
        // 0.025 none of 6 did.
        CliRun r = CliRun.of(small(longRun, "--steps", "4000", "--log-every", "20", "--two-start", "aligned:2",
                "--lr", "0.025"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode s = json(longRun.resolve("summary.json"));
        assertThat(s.get("networks").asInt()).isEqualTo(4);
        assertThat(s.get("secondStart").get("init").asText()).isEqualTo("aligned:2");
        assertThat(s.get("equilibrationChecks").toString()).contains("twoStart");
        JsonNode eq = json(longRun.resolve("observables/equilibration.json"));
        // At equilibrium each z is ~N(0, 1): |z| <= 3 for all six (a false alarm has probability ~2 %).
        // The verdict is the conjunction of the per-observable checks it reports (at Z_MAX = 3).
        boolean all = true;
        for (String col : List.of("testLinear", "testCubic", "trainLinear", "trainCubic", "trainLoss", "dropletFraction")) {
            JsonNode c = eq.get(col);
            double zStarts = c.get("startsDifferenceInStandardErrors").asDouble();
            double zHalves = c.get("differenceInStandardErrors").asDouble();
            assertThat(Math.abs(zStarts)).as(col + ": " + c).isLessThanOrEqualTo(3.0);
            assertThat(c.get("effectiveSamples").asDouble()).as(col).isGreaterThan(8.0);
            double zMax = dev.grokphase.observe.Equilibration.Z_MAX;
            boolean ok = Math.abs(zStarts) <= zMax && Math.abs(zHalves) <= zMax && c.get("secondStartEffectiveSamples").asDouble() >= 8;
            assertThat(c.get("equilibrated").asBoolean()).as(col + ": " + c).isEqualTo(ok);
            all &= ok;
        }
        assertThat(s.get("equilibrated").asBoolean()).isEqualTo(all);
        // The twins: networks 4..7 on the same datasets as 0..3, with their own init and noise seeds.
        JsonNode seeds = json(longRun.resolve("manifest.json")).get("seeds").get("networks");
        assertThat(seeds).hasSize(8);
        for (int j = 0; j < 4; j++) {
            assertThat(seeds.get(j).get("start").asText()).isEqualTo("prior");
            assertThat(seeds.get(4 + j).get("start").asText()).isEqualTo("aligned:2");
            assertThat(seeds.get(4 + j).get("data")).isEqualTo(seeds.get(j).get("data"));
            assertThat(seeds.get(4 + j).get("noise")).isNotEqualTo(seeds.get(j).get("noise"));
        }
        // At step 0 every aligned neuron is a droplet (|q| = 2 > 0.8); prior neurons (s.d. 0.29) rarely are.
        MetricsCsv.Table t = MetricsCsv.read(longRun.resolve("metrics.csv"));
        int drop = t.column("dropletFraction");
        for (double[] row : t.rows()) {
            if (row[0] == 0 && row[1] >= 4) {
                assertThat(row[drop]).isEqualTo(1.0);
            }
        }

        // 40 steps: the aligned chains are still relaxing (time constant 1/lr = 20 steps), the starts differ.
        Path shortRun = tmp.resolve("short");
        assertThat(CliRun.of(small(shortRun, "--steps", "40", "--log-every", "1", "--log-points", "0", "--two-start", "aligned:2")).exitCode()).isZero();
        JsonNode se = json(shortRun.resolve("observables/equilibration.json"));
        List<String> apart = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = se.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode c = e.getValue();
            if (!c.has("equilibrated")) {
                continue;
            }
            // Still relaxing: either the starts differ by more than Z_MAX s.e., or the aligned chain's
            // drift leaves no measurable autocorrelation time (then no agreement can be shown).
            JsonNode z = c.get("startsDifferenceInStandardErrors");
            if (z.isNull() || Math.abs(z.asDouble()) > dev.grokphase.observe.Equilibration.Z_MAX) {
                apart.add(e.getKey());
            }
            assertThat(c.get("equilibrated").asBoolean(true)).as(e.getKey()).isFalse();
            assertThat(c.get("reason").asText()).as(e.getKey()).containsAnyOf("second start", "two starts", "halves", "not measurable");
        }
        assertThat(apart).as(se.toString()).contains("trainLinear", "dropletFraction");
        assertThat(json(shortRun.resolve("summary.json")).get("equilibrated").asBoolean(true)).isFalse();
    }

    @Test
    void untilEssStopsOnceEveryObservableHasEnoughSamplesAndAnInterruptedRunResumesToTheSameStop() throws Exception {
        Path full = tmp.resolve("ess");
        String[] extra = {"--steps", "20000", "--log-every", "10", "--log-points", "10", "--until-ess", "30", "--checkpoint-every", "200"};
        CliRun r = CliRun.of(small(full, extra));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode s = json(full.resolve("summary.json"));
        long stop = s.get("steps").asLong();
        assertThat(stop).isLessThan(20000).isGreaterThan(0);
        assertThat(s.get("stoppedBy").asText()).isEqualTo("effective samples");
        assertThat(s.get("stepCap").asLong()).isEqualTo(20000);
        Iterator<Map.Entry<String, JsonNode>> it = s.get("effectiveSamples").fields();
        int seen = 0;
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            assertThat(e.getValue().asDouble()).as(e.getKey()).isGreaterThanOrEqualTo(30.0);
            seen++;
        }
        assertThat(seen).isEqualTo(6);
        // The last logged step is the stop; nothing after it.
        MetricsCsv.Table t = MetricsCsv.read(full.resolve("metrics.csv"));
        assertThat(t.rows().stream().mapToLong(x -> (long) x[0]).max().orElseThrow()).isEqualTo(stop);

        Path cut = tmp.resolve("ess-cut");
        TrainRun.stopAfterForTests = 200L;
        assertThat(CliRun.of(small(cut, extra)).exitCode()).isZero();
        TrainRun.stopAfterForTests = null;
        assertThat(stop).isGreaterThan(200);
        CliRun resumed = CliRun.of("train", "cubic", "--resume", "--out", cut.toString(), "--progress", "none");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        TrainRunTest.assertSameRun(full, cut);
    }

    @Test
    void badInitSpellingsAndUntilEssWithoutARecordAreOneLineErrors() {
        CliRun a = CliRun.of(small(tmp.resolve("a"), "--init", "aligned:x"));
        assertThat(a.exitCode()).isEqualTo(2);
        assertThat(a.err().trim()).contains("--init").contains("aligned:Q").doesNotContain("\n");
        CliRun b = CliRun.of(small(tmp.resolve("b"), "--until-ess", "50"));
        assertThat(b.exitCode()).isEqualTo(2);
        assertThat(b.err()).contains("--until-ess").contains("--log-every");
        CliRun c = CliRun.of("train", "modular", "--P", "5", "--N", "8", "--init", "aligned:1", "--out", tmp.resolve("c").toString());
        assertThat(c.exitCode()).isEqualTo(2);
        assertThat(c.err()).contains("--init").contains("modular");
        CliRun d = CliRun.of(small(tmp.resolve("d"), "--two-start", "prior"));
        assertThat(d.exitCode()).isEqualTo(2);
        assertThat(d.err()).contains("--two-start");
        assertThat(tmp.resolve("a")).doesNotExist();
    }
}
