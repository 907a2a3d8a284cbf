package dev.grokphase.app.cli;

import dev.grokphase.app.GrokphaseCli;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class HelpAndCompletionTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GrokphaseCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpFollowsTheWholeCommandPath() {
        Run nested = run("help", "train", "cubic");
        assertThat(nested.code()).isZero();
        assertThat(nested.out()).startsWith("Usage: grokphase train cubic");
        assertThat(nested.out()).isEqualTo(run("train", "cubic", "--help").out());
        Run bad = run("help", "train", "cubes");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("COMMAND = grokphase train cubes").contains("cubic, modular").doesNotContain("Exception");
    }

    @Test
    void theCommandListShowsWholeSentences() {
        String help = run("--help").out();
        // reproduce's description starts "Reproduce the paper's figures (and two experiments it lacks)."
        assertThat(help).contains("reproduce").contains("completion");
        String commands = help.substring(help.indexOf("Commands:"), help.indexOf("Exit codes:"));
        for (String entry : commands.split("\n  (?=\\S)")) {
            if (entry.startsWith("Commands:")) continue;
            String text = entry.replaceAll("\\s+", " ").trim();
            assertThat(text).as("command list entry").endsWith(".");
        }
        // Description lines wrapped mid-sentence in the source are joined; examples and lists keep their lines.
        assertThat(CommandListRenderer.joinWrapped(new String[]{"Each run goes to OUT, runs already", "completed are skipped.",
                "Example:", "  ./grokphase x", "- an item"}))
                .containsExactly("Each run goes to OUT, runs already completed are skipped.", "Example:", "  ./grokphase x", "- an item");
        assertThat(run("sweep", "--help").out().replaceAll("\\s+", " ")).contains("runs already completed are skipped, interrupted ones resumed.");
        assertThat(CommandListRenderer.firstSentence("Train networks (paper-notes §4.1). More here."))
                .isEqualTo("Train networks (paper-notes §4.1).");
        assertThat(CommandListRenderer.firstSentence("Show help, e.g. 'help train'. Then more."))
                .isEqualTo("Show help, e.g. 'help train'.");
    }

    @Test
    void completionPrintsABashScriptForEveryCommand() {
        Run c = run("completion");
        assertThat(c.code()).isZero();
        assertThat(c.out()).contains("complete -F").contains("_picocli_grokphase")
                .contains("train").contains("cubic").contains("--sigma2").contains("reproduce");
    }
}
