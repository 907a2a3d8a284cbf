package dev.grokphase.io;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes that are all-or-nothing: the bytes go to a temporary sibling, are forced to disk, and
 * the sibling is renamed over the target. A crash or SIGKILL at any point leaves either the old
 * file or the new one, never a half-written file that looks complete.
 *
 * <p>The file gets the permissions of any file this process creates (0666 less the umask), as if
 * written in place: the temporary sibling is created without explicit attributes, not with
 * {@link Files#createTempFile}, whose owner-only 0600 would otherwise become the result's.
 */
public final class AtomicFiles {

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private AtomicFiles() {
    }

    public static void writeString(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] bytes) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null) {
            throw new GrokphaseException(ErrorCode.IO, "cannot write " + target + ": it is a root directory, not a file");
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            Path sibling = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try (FileChannel ch = FileChannel.open(sibling, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                tmp = sibling;
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a stray .tmp sibling is ignored by every reader
                }
            }
        }
    }
}
