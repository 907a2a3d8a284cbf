package dev.grokphase.app.report;

import dev.grokphase.app.plot.Figure;
import dev.grokphase.app.plot.FigureRenderer;
import dev.grokphase.error.GrokphaseException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The figure files of one report ({@code report --figures DIR}). Two figures never share a file
 * stem (the second of two specs' {@code fig2} becomes {@code <spec>-fig2}), and a file grokphase
 * did not write is never replaced. Figures are claimed while the page is built and written only
 * after every claim succeeded, so a refusal leaves the directory as it was.
 */
final class FigureFiles {

    static final List<String> EXTENSIONS = List.of("png", "svg", "pdf", "txt", "tex");

    private final Path dir;
    private final FigureRenderer renderer;
    /** Lower-cased stems already taken: case-insensitive file systems would merge "Fig2" and "fig2". */
    private final Set<String> taken = new HashSet<>();
    private final List<Figure> pending = new ArrayList<>();

    FigureFiles(Path dir, FigureRenderer renderer) {
        this.dir = dir;
        this.renderer = renderer;
    }

    /**
     * Gives the figure a stem no other figure of this report has (prefixing {@code owner}, e.g. the
     * spec id, then counting) and checks that its files in the directory are absent or ours.
     * Returns the figure under that stem; it is written by {@link #writeAll()}.
     */
    Figure claim(Figure figure, String owner) {
        String stem = figure.id();
        if (taken.contains(key(stem)) && owner != null && !owner.isEmpty()) {
            stem = owner + "-" + figure.id();
        }
        String base = stem;
        for (int k = 2; taken.contains(key(stem)); k++) {
            stem = base + "-" + k;
        }
        requireOurs(stem);
        taken.add(key(stem));
        Figure claimed = stem.equals(figure.id()) ? figure : figure.withId(stem);
        pending.add(claimed);
        return claimed;
    }

    /** Writes every claimed figure; returns the PNG paths in claim order. */
    List<Path> writeAll() {
        List<Path> written = new ArrayList<>();
        for (Figure f : pending) {
            written.add(renderer.write(f, dir));
        }
        return written;
    }

    private static String key(String stem) {
        return stem.toLowerCase(Locale.ROOT);
    }

    /**
     * A stem's files are ours when none exists, or when its LaTeX caption carries the header
     * {@link FigureRenderer#write} puts there (the five files are always written together).
     */
    private void requireOurs(String stem) {
        List<Path> present = new ArrayList<>();
        for (String ext : EXTENSIONS) {
            Path p = dir.resolve(stem + "." + ext);
            if (Files.exists(p)) present.add(p);
        }
        if (present.isEmpty()) return;
        Path tex = dir.resolve(stem + ".tex");
        if (!startsWithHeader(tex, "% " + stem + ".tex: written by grokphase")) {
            throw GrokphaseException.invalid("--figures", dir, "holds " + present.get(0).getFileName()
                    + ", which grokphase did not write; it is left alone: choose another directory");
        }
    }

    private static boolean startsWithHeader(Path file, String header) {
        if (!Files.isRegularFile(file)) return false;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(header.length() * 4);
            return new String(head, StandardCharsets.UTF_8).startsWith(header);
        } catch (IOException e) {
            return false;
        }
    }
}
