package dev.grokphase.app.plot;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The TrueType files of a font family (regular, bold, italic…), found in the usual font
 * directories by file name: "DejaVu Sans" → DejaVuSans.ttf, DejaVuSans-Bold.ttf, … (not
 * DejaVuSansMono). Java knows a font's family but not its file, and the PDF needs the file to
 * embed it.
 */
final class FontFiles {

    private static final List<Path> DIRS = List.of(Path.of("/usr/share/fonts"), Path.of("/usr/local/share/fonts"),
            Path.of(System.getProperty("user.home"), ".fonts"), Path.of(System.getProperty("user.home"), ".local/share/fonts"));

    private FontFiles() {
    }

    static List<File> of(String family) {
        String stem = family.replace(" ", "").toLowerCase(Locale.ROOT);
        List<File> out = new ArrayList<>();
        for (Path dir : DIRS) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir, 6)) {
                files.filter(f -> {
                    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (!name.endsWith(".ttf")) return false;
                    String base = name.substring(0, name.length() - 4);
                    return base.equals(stem) || base.startsWith(stem + "-");
                }).sorted().forEach(f -> out.add(f.toFile()));
            } catch (IOException | java.io.UncheckedIOException e) {
                // an unreadable font directory: the text of that family is drawn as outlines
            }
        }
        return out;
    }
}
