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
}
