package dev.grokphase.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The file-mode creation mask of this process. Java has no call for it, so it is read off a
 * directory created without explicit permissions (the OS gives it 0777 less the umask). Hadoop's
 * local file system applies its own configured mask (022 by default) instead; the run store hands
 * it this one, so run directories written through Spark get the same modes as local ones.
 */
final class ProcessUmask {

    /** When the umask cannot be read (no POSIX file system): Hadoop's default. */
    static final int FALLBACK = 0022;

    private static volatile Integer cached;

    private ProcessUmask() {
    }

    static int get() {
        Integer u = cached;
        if (u == null) {
            u = probe();
            cached = u;
        }
        return u;
    }

    private static int probe() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"))
                .resolve(".grokphase-umask-" + Long.toUnsignedString(new SecureRandom().nextLong(), 36));
        try {
            Files.createDirectory(dir);
            try {
                return 0777 & ~mode(Files.getPosixFilePermissions(dir));
            } finally {
                Files.deleteIfExists(dir);
            }
        } catch (IOException | UnsupportedOperationException e) {
            return FALLBACK;
        }
    }

    static int mode(Set<PosixFilePermission> perms) {
        int m = 0;
        for (PosixFilePermission p : perms) {
            m |= switch (p) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return m;
    }
}
