package dev.grokphase.sweep;

import dev.grokphase.io.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LocalSweepExecutorTest {

    /**
     * A stand-in for the training layer: writes a manifest and a summary whose number is a pure
     * function of the config (sigma2²), and counts fresh starts and resumes.
     */
    static final class FakeHandler implements RunHandler {
        final AtomicInteger fresh = new AtomicInteger();
        final AtomicInteger resumed = new AtomicInteger();
        final Map<String, Boolean> resumeFlags = new ConcurrentHashMap<>();

        @Override
        public boolean supports(String command) {
            return command.startsWith("train ") || command.startsWith("theory ");
        }

        @Override
        public void execute(RunDescription run, Path dir, boolean resume) {
            (resume ? resumed : fresh).incrementAndGet();
            resumeFlags.put(run.key(), resume);
            double s = ((Number) run.config().get("sigma2")).doubleValue();
            if (s < 0) {
                throw dev.grokphase.error.GrokphaseException.outOfRange("--sigma2", s, "(0, inf)");
            }
            AtomicFiles.writeString(dir.resolve("summary.json"), "{\"testLoss\": " + s * s + ", \"ensemble\": {\"cubic\": -0.1}}");
            // The rest of a complete run directory (RunCompleteness): a run without them is not done.
            AtomicFiles.writeString(dir.resolve("metrics.csv"), "step,network\n0,0\n");
            AtomicFiles.writeString(dir.resolve("observables/equilibration.json"), "{}\n");
            AtomicFiles.writeString(dir.resolve("manifest.json"), "{\"command\": \"" + run.command() + "\", \"status\": \"completed\"}");
        }
    }

    static ExperimentSpec spec() {
        return SpecLoader.parse("s.yaml", """
                id: s
                title: fake sweep
                training:
                  - id: run
                    command: train cubic
                    config: {n: 10}
                    points: [{_beta: 1, N: 5}, {_beta: 2, N: 10}]
                    grid: {sigma2: [0.1, 0.2, 0.3]}
                """);
    }

    @Test
    void runsEveryPointThenSkipsCompletedOnesAndResumesInterruptedOnes(@TempDir Path root) throws Exception {
        FakeHandler h = new FakeHandler();
        SweepExecutor ex = new LocalSweepExecutor(2, new RunHandlers(List.of(h)));
        List<RunResult> first = Sweep.run(spec(), Scale.DEFAULT, root, ex, SweepListener.NONE);
        assertThat(first).hasSize(6).allMatch(r -> r.status() == RunStatus.COMPLETED && !r.skipped());
        assertThat(h.fresh).hasValue(6);
        assertThat(first).extracting(r -> r.planned().index()).containsExactly(0, 1, 2, 3, 4, 5);

        // Mark one run interrupted, as a killed process would leave it.
        RunResult victim = first.get(4);
        AtomicFiles.writeString(Path.of(victim.directory()).resolve("manifest.json"), "{\"status\": \"interrupted\"}");
        List<RunResult> second = Sweep.run(spec(), Scale.DEFAULT, root, ex, SweepListener.NONE);
        assertThat(h.fresh).as("no completed run is recomputed").hasValue(6);
        assertThat(h.resumed).hasValue(1);
        assertThat(h.resumeFlags.get(victim.planned().key())).isTrue();
        assertThat(second.stream().filter(RunResult::skipped).count()).isEqualTo(5);

        List<String> csv = Files.readAllLines(Sweep.sweepDir(root, spec(), Scale.DEFAULT).resolve("summary.csv"));
        assertThat(csv).hasSize(7);
        List<String> header = List.of(csv.get(0).split(","));
        assertThat(header).contains("tag.beta", "config.sigma2", "config.N", "summary.testLoss", "summary.ensemble.cubic");
        int col = header.indexOf("summary.testLoss");
        int sig = header.indexOf("config.sigma2");
        for (String line : csv.subList(1, csv.size())) {
            String[] cells = line.split(",", -1);
            double s = Double.parseDouble(cells[sig]);
            assertThat(Double.parseDouble(cells[col])).isCloseTo(s * s, org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(Sweep.sweepDir(root, spec(), Scale.DEFAULT).resolve("plan.json")).exists();
    }

    @Test
    void aFailingRunIsRecordedWithItsOneLineMessageAndTheOthersStillRun(@TempDir Path root) {
        ExperimentSpec s = SpecLoader.parse("s.yaml", """
                id: s
                title: t
                training: [{id: r, command: train cubic, grid: {sigma2: [-1, 0.5]}}]
                """);
        FakeHandler h = new FakeHandler();
        List<RunResult> res = Sweep.run(s, Scale.DEFAULT, root, new LocalSweepExecutor(1, new RunHandlers(List.of(h))),
                SweepListener.NONE);
        assertThat(res.get(0).status()).isEqualTo(RunStatus.FAILED);
        assertThat(res.get(0).error()).isEqualTo("--sigma2 = -1.0 is out of range: allowed (0, inf)");
        assertThat(res.get(1).status()).isEqualTo(RunStatus.COMPLETED);
    }
}
