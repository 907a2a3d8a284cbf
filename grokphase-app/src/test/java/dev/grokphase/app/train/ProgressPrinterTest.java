package dev.grokphase.app.train;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressPrinterTest {

    @Test
    void plainLinesAtEveryTenthAndBarWithRateAndEta() {
        StringWriter s = new StringWriter();
        ProgressPrinter lines = new ProgressPrinter(new PrintWriter(s), false);
        for (long step = 1; step <= 1000; step++) {
            lines.progress(step, 1000, "trainLoss=0.1");
        }
        String[] out = s.toString().split("\n");
        // deciles 0..9 and the final line (a slow machine may add a 30 s heartbeat, not here)
        assertThat(out).hasSizeBetween(10, 12);
        assertThat(out[out.length - 1]).startsWith("step 1000/1000 (100%)").contains("steps/s").contains("ETA").contains("trainLoss=0.1");
        assertThat(s.toString()).doesNotContain("\r");

        StringWriter b = new StringWriter();
        ProgressPrinter bar = new ProgressPrinter(new PrintWriter(b), true);
        bar.progress(500, 1000, "");
        bar.progress(1000, 1000, "");
        assertThat(b.toString()).contains("\r").contains("[").contains("steps").contains("/s ETA").endsWith("\n");
        assertThat(ProgressPrinter.time(3725)).isEqualTo("1h02m05s");
        assertThat(ProgressPrinter.time(Double.NaN)).isEqualTo("--");
    }

    @Test
    void theBarFitsTheTerminalAndTheLastLineKeepsTheFinalMetrics() {
        String metrics = "trainLoss=0.0123 testLoss=0.0456 trainCubic=-0.2990 testCubic=-0.2870 trainLinear=0.999";
        for (int cols : new int[]{40, 60, 80, 120, 200}) {
            for (long step : new long[]{0, 1, 499, 999_999}) {
                String line = ProgressPrinter.barLine(step / 1e6, step, 1_000_000, 1234.5, 3600, metrics, cols);
                // At most cols − 1 characters: the last column would make some terminals wrap.
                assertThat(line.length()).as("line at %d columns", cols).isLessThan(cols);
                assertThat(line).contains(step + "/1000000");
            }
        }
        assertThat(ProgressPrinter.barLine(0.5, 5, 10, 1, 5, metrics, 200)).contains("[").contains(metrics);

        StringWriter b = new StringWriter();
        ProgressPrinter bar = new ProgressPrinter(new PrintWriter(b), true, dev.grokphase.app.terminal.TerminalWidth.fixed(80));
        for (long step = 1; step <= 1000; step++) {
            bar.progress(step, 1000, step == 1000 ? "trainLoss=0.001 testLoss=0.002 trainLinear=0.99 testLinear=0.98 trainCubic=0.5" : "trainLoss=0.5");
        }
        String out = b.toString();
        // Each redraw starts with \r; no line runs past 79 columns; the final lines stay, with the final metrics.
        for (String segment : out.split("[\r\n]")) {
            assertThat(segment.replace("\u001b[K", "").length()).isLessThan(80);
        }
        assertThat(out).endsWith("\n");
        String last = out.substring(out.lastIndexOf('\r') + 1);
        assertThat(last).startsWith("done: 1000 steps").contains("trainLoss=0.001").contains("\n  ").contains("trainCubic=0.5");
    }

    @Test
    void terminalWidthFallsBackAndFitsText() {
        assertThat(dev.grokphase.app.terminal.TerminalWidth.fit("abcdef", 4)).isEqualTo("abc~");
        assertThat(dev.grokphase.app.terminal.TerminalWidth.fit("abc", 4)).isEqualTo("abc");
        assertThat(new dev.grokphase.app.terminal.TerminalWidth().getAsInt()).isPositive();
    }
}
