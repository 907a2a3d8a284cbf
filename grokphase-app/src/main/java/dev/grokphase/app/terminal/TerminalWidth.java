package dev.grokphase.app.terminal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Columns of the terminal, asked again at most every two seconds so that a resized window is
 * followed. Sources in order: {@code $COLUMNS} (set by the user or exported by a shell), then
 * {@code stty size} on {@code /dev/tty} (what a Java process can learn of its terminal without
 * native code), then 80.
 */
public final class TerminalWidth implements IntSupplier {

    /** Width when nothing can be learned: the classic terminal. */
    public static final int FALLBACK = 80;

    private long checkedAt = Long.MIN_VALUE;
    private int columns = FALLBACK;

    /** A fixed width (tests, and output whose width is known). */
    public static IntSupplier fixed(int columns) {
        return () -> columns;
    }

    @Override
    public synchronized int getAsInt() {
        long now = System.nanoTime();
        if (checkedAt == Long.MIN_VALUE || now - checkedAt > 2_000_000_000L) {
            columns = detect();
            checkedAt = now;
        }
        return columns;
    }

    static int detect() {
        Integer env = parse(System.getenv("COLUMNS"));
        if (env != null) {
            return env;
        }
        Integer stty = stty();
        return stty != null ? stty : FALLBACK;
    }

    /** A positive integer, or null. */
    static Integer parse(String s) {
        if (s == null) {
            return null;
        }
        try {
            int v = Integer.parseInt(s.trim());
            return v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer stty() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!p.waitFor(1, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return null;
            }
            String[] rowsCols = out.split("\\s+");
            return rowsCols.length == 2 ? parse(rowsCols[1]) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@code s} cut to at most {@code max} characters (code points), with "~" where it was cut (ASCII: any locale). */
    public static String fit(String s, int max) {
        if (max <= 0) {
            return "";
        }
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        int end = s.offsetByCodePoints(0, max - 1);
        return s.substring(0, end) + "~";
    }

    /** {@code text} broken at spaces into lines of at most {@code width} characters (a longer word keeps its own line). */
    public static String wrap(String text, int width, String continuationIndent) {
        StringBuilder sb = new StringBuilder();
        int col = 0;
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (col > 0 && col + 1 + word.length() > width) {
                sb.append('\n').append(continuationIndent);
                col = continuationIndent.length();
            } else if (col > 0) {
                sb.append(' ');
                col++;
            }
            sb.append(word);
            col += word.length();
        }
        return sb.toString();
    }
}
