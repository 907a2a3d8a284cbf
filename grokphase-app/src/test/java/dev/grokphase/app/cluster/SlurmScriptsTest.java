package dev.grokphase.app.cluster;

import dev.grokphase.app.CliRun;
import dev.grokphase.app.report.CsvTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripts of {@code --emit-slurm} run as SLURM would run them: a stand-in {@code sbatch} on
 * PATH executes the array's tasks one by one with {@code SLURM_ARRAY_TASK_ID} set, then the
 * summary job, each in another working directory than the one the scripts were written from,
 * with the output going where {@code #SBATCH --output} says. The runs are real (tiny theory and
 * training runs, each task a new JVM), so the summary's wall times are real too.
 */
class SlurmScriptsTest {

    @TempDir
    Path tmp;

    /** sbatch: runs the script now (array tasks in order) and prints a job id; records each script's #SBATCH lines. */
    private static final String SBATCH = """
            #!/bin/bash
            set -euo pipefail
            parsable=0; script=""
            for a in "$@"; do
              case "$a" in
                --parsable) parsable=1 ;;
                --dependency=*) echo "$a" >> "$FAKE_SLURM/dependencies" ;;
                -*) ;;
                *) script="$a" ;;
              esac
            done
            n=$(( $(cat "$FAKE_SLURM/next" 2>/dev/null || echo 100) + 1 )); echo "$n" > "$FAKE_SLURM/next"
            grep '^#SBATCH' "$script" > "$FAKE_SLURM/job-$n.sbatch-lines"
            out=$(sed -n 's/^#SBATCH --output=//p' "$script")
            range=$(sed -n 's/^#SBATCH --array=\\([0-9]*-[0-9]*\\).*/\\1/p' "$script")
            cd "$FAKE_SLURM/nodes"   # jobs start elsewhere than the submission directory
            if [[ -n "$range" ]]; then
              for (( i=${range%-*}; i<=${range#*-}; i++ )); do
                log=${out//%A/$n}; log=${log//%a/$i}
                SLURM_JOB_ID=$n SLURM_ARRAY_JOB_ID=$n SLURM_ARRAY_TASK_ID=$i bash "$script" > "$log" 2>&1 || echo "task $i failed" >> "$FAKE_SLURM/failures"
              done
            else
              log=${out//%j/$n}
              SLURM_JOB_ID=$n bash "$script" > "$log" 2>&1 || echo "job $n failed" >> "$FAKE_SLURM/failures"
            fi
            if [[ $parsable == 1 ]]; then echo "$n"; else echo "Submitted batch job $n"; fi
            """;

    private static void executable(Path p, String text) throws Exception {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void emittedScriptsRunFromAnyDirectoryWithSetupOptionsAndARealSummary() throws Exception {
        Path fake = Files.createDirectories(tmp.resolve("fake-slurm"));
        Files.createDirectories(fake.resolve("nodes"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        executable(bin.resolve("sbatch"), SBATCH);
        executable(bin.resolve("srun"), "#!/bin/bash\nexec \"$@\"\n");
        // 'grokphase' on the nodes' PATH: this build's classes (the scripts name it when not run from a jar).
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        executable(bin.resolve("grokphase"), "#!/bin/bash\nexec java -Djava.awt.headless=true -cp '" + cp
                + "' dev.grokphase.app.GrokphaseCli \"$@\"\n");

        Path specFile = tmp.resolve("specs/tiny.yaml");
        Files.createDirectories(specFile.getParent());
        Files.writeString(specFile, """
                id: tiny
                title: tiny runs for the SLURM scripts
                theory:
                  - id: curve
                    command: theory modular
                    config: {P: 101, N: 500, sigma2: 0.2}
                training:
                  - id: cubic
                    command: train cubic
                    config: {n: 30, n-test: 30, N: 6, d: 8, steps: 60}
                    grid: {sigma2: [0.1, 0.2]}
                """);
        Path setup = tmp.resolve("setup.sh");
        Files.writeString(setup, "echo \"setup ran in job $SLURM_JOB_ID\" >> " + fake.resolve("setup.log") + "\n"
                + "export GROKPHASE_JAVA_OPTS=\"${GROKPHASE_JAVA_OPTS:-}\"\n");
        // The spec is named relative to this test's working directory; the jobs run elsewhere.
        String relativeSpec = Path.of("").toAbsolutePath().relativize(specFile).toString();
        Path dir = tmp.resolve("slurm");
        Path out = tmp.resolve("shared/out");
        CliRun emit = CliRun.of("sweep", relativeSpec, "--out", out.toString(), "--emit-slurm", dir.toString(),
                "--slurm-cpus", "1", "--slurm-time", "00:20:00", "--slurm-option=--partition=short",
                "--slurm-option=--account=lab", "--slurm-setup", setup.toString());
        assertThat(emit.exitCode()).as(emit.err()).isZero();
        assertThat(Files.readString(dir.resolve("sweep.sbatch"))).contains(" sweep " + specFile.toAbsolutePath().normalize() + " ");

        ProcessBuilder pb = new ProcessBuilder("bash", dir.resolve("submit.sh").toString())
                .directory(Files.createDirectories(tmp.resolve("somewhere-else")).toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("FAKE_SLURM", fake.toString());
        Process p = pb.start();
        String submitted = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(submitted).isZero();
        assertThat(submitted).contains("submitted array job 101 (3 tasks) and summary job 102");
        assertThat(fake.resolve("failures")).as(logs(dir)).doesNotExist();
        assertThat(Files.readString(fake.resolve("dependencies")).strip()).isEqualTo("--dependency=afterany:101");

        // Both jobs carry every option, and the set-up ran before each task and the summary.
        for (String job : List.of("job-101", "job-102")) {
            assertThat(Files.readAllLines(fake.resolve(job + ".sbatch-lines"))).contains("#SBATCH --partition=short",
                    "#SBATCH --account=lab", "#SBATCH --time=00:20:00", "#SBATCH --cpus-per-task=1");
        }
        assertThat(Files.readAllLines(fake.resolve("setup.log"))).containsExactly(
                "setup ran in job 101", "setup ran in job 101", "setup ran in job 101", "setup ran in job 102");

        // Each task's progress counts its one run.
        String task1 = Files.readString(dir.resolve("logs/101_1.out"));
        assertThat(task1).contains("1/1 runs done").doesNotContain("/0 runs");
        assertThat(task1).contains("completed\t").contains("out/runs/train-cubic-");

        // The summary job found every run done by the array: real status and wall time.
        CsvTable summary = CsvTable.read(out.resolve("sweeps/tiny-default/summary.csv"));
        assertThat(summary.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(summary.cell(i, "status")).isEqualTo("completed");
            assertThat(summary.cell(i, "skipped")).isEqualTo("true");
            assertThat(Double.parseDouble(summary.cell(i, "wallSeconds"))).as("row " + i).isGreaterThan(0.0);
        }
    }

    private static String logs(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(dir.resolve("logs"))) {
            for (Path f : s.sorted().toList()) {
                sb.append("== ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        }
        return sb.toString();
    }
}
