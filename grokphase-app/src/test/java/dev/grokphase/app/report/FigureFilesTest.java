package dev.grokphase.app.report;

import dev.grokphase.app.plot.Figure;
import dev.grokphase.app.plot.FigureRenderer;
import dev.grokphase.app.plot.Series;
import dev.grokphase.error.GrokphaseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FigureFilesTest {

    @TempDir
    Path dir;

    private static Figure figure(String id, double slope) {
        return Figure.builder(id).title("line " + slope)
                .add(new Series("y = " + slope + " x", new double[]{0, 1}, new double[]{0, slope}, null, Series.Style.LINE, 0))
                .build();
    }

    @Test
    void twoFiguresWithOneIdGetTwoStemsAndBothAreWritten() throws Exception {
        FigureFiles files = new FigureFiles(dir, new FigureRenderer(320, 200, false));
        Figure a = files.claim(figure("fig2", 1), "cubic");
        Figure b = files.claim(figure("fig2", 2), "cubic");
        Figure c = files.claim(figure("FIG2", 3), "cubic");
        assertThat(List.of(a.id(), b.id(), c.id())).containsExactly("fig2", "cubic-fig2", "cubic-FIG2-2");
        List<Path> pngs = files.writeAll();
        assertThat(pngs).hasSize(3).allMatch(Files::isRegularFile);
        // Each stem's caption is its own figure's, so nothing was overwritten.
        assertThat(dir.resolve("fig2.txt")).content().startsWith("line 1.0");
        assertThat(dir.resolve("cubic-fig2.txt")).content().startsWith("line 2.0");
        assertThat(dir.resolve("cubic-FIG2-2.txt")).content().startsWith("line 3.0");
    }

    @Test
    void aFileGrokphaseDidNotWriteIsRefusedAndNothingIsWritten() throws Exception {
        Files.writeString(dir.resolve("fig5.png"), "someone's own plot");
        FigureFiles files = new FigureFiles(dir, new FigureRenderer(320, 200, false));
        files.claim(figure("fig4", 1), "appd");
        assertThatThrownBy(() -> files.claim(figure("fig5", 1), "appd"))
                .isInstanceOf(GrokphaseException.class)
                .hasMessageContaining("--figures").hasMessageContaining("fig5.png");
        assertThat(dir.resolve("fig5.png")).hasContent("someone's own plot");
        assertThat(dir.resolve("fig4.png")).doesNotExist();
    }

    @Test
    void filesFromAnEarlierReportAreReplaced() {
        FigureFiles first = new FigureFiles(dir, new FigureRenderer(320, 200, false));
        first.claim(figure("fig4", 1), "appd");
        first.writeAll();
        FigureFiles second = new FigureFiles(dir, new FigureRenderer(320, 200, false));
        second.claim(figure("fig4", 7), "appd");
        second.writeAll();
        assertThat(dir.resolve("fig4.txt")).content().startsWith("line 7.0");
    }
}
