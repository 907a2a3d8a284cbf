package dev.grokphase.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Byte-for-byte comparison of two directory trees (test helper). */
final class TreeDiff {

    private TreeDiff() {
    }

    /** Relative paths of all regular files, sorted. */
    static List<String> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Differences (missing, extra or differing files); empty when the trees are identical. */
    static List<String> diff(Path a, Path b) {
        List<String> fa = files(a);
        List<String> fb = files(b);
        List<String> out = new ArrayList<>();
        for (String f : fa) {
            if (!fb.contains(f)) {
                out.add("only in " + a + ": " + f);
            }
        }
        for (String f : fb) {
            if (!fa.contains(f)) {
                out.add("only in " + b + ": " + f);
            } else {
                try {
                    if (!Arrays.equals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)))) {
                        out.add("differs: " + f);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }
}
