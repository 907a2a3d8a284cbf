package dev.grokphase.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grokphase.io.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Byte-for-byte comparison of two directory trees (test helper). */
final class TreeDiff {

    private TreeDiff() {
    }

    /** Deletes a directory tree (links themselves, not what they point to); absent is fine. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Relative paths of all regular files, sorted; a run directory's {@code .lock} (the writer's
     * empty lock file, see store.DirectoryLock) is not data and not listed.
     */
    static List<String> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock"))
                    .map(p -> root.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Differences (missing, extra or differing files); empty when the trees are identical. */
    static List<String> diff(Path a, Path b) {
        return diff(a, b, Set.of());
    }

    /**
     * As {@link #diff(Path, Path)}, except that in files named {@code manifest.json} the top-level
     * keys {@code volatileKeys} (wall-clock times) are removed before the byte comparison, and the
     * files named {@code logName} (a human-readable log: throughput, elapsed time, the path the run
     * was written at) must exist on both sides but are not compared; every other byte of every
     * file must be equal.
     */
    static List<String> diff(Path a, Path b, Set<String> volatileKeys, String logName) {
        return diff(a, b, volatileKeys, f -> f.endsWith("/" + logName) || f.equals(logName));
    }

    static List<String> diff(Path a, Path b, Set<String> volatileKeys) {
        return diff(a, b, volatileKeys, f -> false);
    }

    private static List<String> diff(Path a, Path b, Set<String> volatileKeys,
                                     java.util.function.Predicate<String> unchecked) {
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
                if (unchecked.test(f.replace(java.io.File.separatorChar, '/'))) {
                    continue;
                }
                try {
                    byte[] x = Files.readAllBytes(a.resolve(f));
                    byte[] y = Files.readAllBytes(b.resolve(f));
                    if (!volatileKeys.isEmpty() && f.endsWith("manifest.json")) {
                        x = withoutKeys(x, volatileKeys);
                        y = withoutKeys(y, volatileKeys);
                    }
                    if (!Arrays.equals(x, y)) {
                        out.add("differs: " + f);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    private static byte[] withoutKeys(byte[] json, Set<String> keys) throws IOException {
        ObjectNode n = (ObjectNode) Json.MAPPER.readTree(json);
        n.remove(keys);
        return Json.MAPPER.writeValueAsBytes(n);
    }
}
