package dev.grokphase.app.cli;

import dev.grokphase.app.CliRun;
import dev.grokphase.sweep.ExperimentSpec;
import dev.grokphase.sweep.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReproduceCommandTest {

    /** The smoke version of the README's main command: every spec at the quick scale, then the report. */
    @Test
    void quickReproduceWritesTheReportAndEveryFigure(@TempDir Path out) throws Exception {
        CliRun r = CliRun.of("reproduce", "--quick", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path html = out.resolve("report.html");
        assertThat(r.out().strip()).startsWith("report: " + html.toAbsolutePath());
        String page = Files.readString(html);
        for (ExperimentSpec s : SpecLoader.builtin()) {
            assertThat(page).contains("id=\"spec-" + s.id() + "\"");
            for (var f : s.figures()) {
                assertThat(out.resolve("figures").resolve(f.id() + ".png")).isRegularFile();
                assertThat(page).contains("<figure id=\"" + f.id() + "\">");
            }
            assertThat(out.resolve("sweeps").resolve(s.id() + "-quick").resolve("summary.csv")).isRegularFile();
        }
        // Re-running finds every completed run and skips it.
        CliRun again = CliRun.of("reproduce", "--quick", "--only", "fig3", "--out", out.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("(already done)").doesNotContain(" in 0.");
    }

    @Test
    void badOnlyValueIsAOneLineErrorWithExitCode2() {
        CliRun r = CliRun.of("reproduce", "--only", "fig9");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("grokphase: error: --only = fig9 is invalid: allowed fig2, fig3, appd");
    }

    @Test
    void quickAndFullAreExclusive() {
        assertThat(CliRun.of("reproduce", "--quick", "--full").exitCode()).isEqualTo(2);
    }
}
