package dev.grokphase.store;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per directory: an OS file lock ({@code fcntl}/{@code flock} through
 * {@link FileChannel#tryLock()}) on {@code <dir>/.lock}, held for the life of the writer. The
 * operating system drops it when the process ends, however it ends (exit, SIGKILL, crash), so a
 * stale {@code .lock} file never blocks a later writer: only a live holder does. The file stays
 * empty (so a run directory's bytes do not depend on who wrote it); the holder's pid, for the
 * message a second writer gets, is read from the kernel's lock table ({@code /proc/locks}).
 *
 * <p>OS locks belong to the process, not the thread, so this class also keeps the holders of this
 * JVM: the thread that holds a directory may lock it again (the sweep runner holds a run's
 * directory and then runs {@code train --out} on it in-process), another thread of the same
 * process is refused like another process. The {@code .lock} file is never deleted: deleting it
 * while held would let a second writer lock a new file of the same name.
 */
public final class DirectoryLock implements AutoCloseable {

    public static final String FILE = ".lock";

    private static final Map<Path, DirectoryLock> HELD = new ConcurrentHashMap<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private final Thread owner;
    private int depth = 1;

    private DirectoryLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
        this.owner = Thread.currentThread();
    }

    /** Who holds a directory: a pid, or 0 when the kernel's lock table cannot be read. */
    public record Holder(long pid) {
        @Override
        public String toString() {
            return pid > 0 ? "pid " + pid : "another process";
        }
    }

    /**
     * Locks {@code dir} (created if missing) or returns null when another process, or another
     * thread of this one, holds it.
     */
    public static synchronized DirectoryLock tryAcquire(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        DirectoryLock mine = HELD.get(key);
        if (mine != null) {
            if (mine.owner == Thread.currentThread()) {
                mine.depth++;
                return mine;
            }
            return null;
        }
        FileChannel ch = null;
        try {
            Files.createDirectories(key);
            ch = FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                return null;
            }
            DirectoryLock d = new DirectoryLock(key, ch, l);
            HELD.put(key, d);
            return d;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new GrokphaseException(ErrorCode.IO, "cannot lock " + key.resolve(FILE) + ": " + describe(e), e);
        }
    }

    /**
     * Locks {@code dir} or stops with one line naming the holder: {@code optionName} = {@code dir}
     * is in use by pid N (since ...).
     */
    public static DirectoryLock acquireOrFail(Path dir, String optionName) {
        DirectoryLock l = tryAcquire(dir);
        if (l == null) {
            throw new GrokphaseException(ErrorCode.INVALID_VALUE, optionName + " = " + dir + " is in use by another grokphase process ("
                    + holder(dir) + "); wait for it to finish, or choose another directory");
        }
        return l;
    }

    /**
     * Locks {@code dir}, waiting while another writer holds it; {@code waiting} is told once,
     * with the holder, when the lock is not free at once.
     */
    public static DirectoryLock acquireWaiting(Path dir, java.util.function.Consumer<Holder> waiting) {
        DirectoryLock l = tryAcquire(dir);
        if (l != null) {
            return l;
        }
        waiting.accept(holder(dir));
        while (true) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GrokphaseException(ErrorCode.IO, "interrupted while waiting for " + dir + " (held by " + holder(dir) + ")");
            }
            l = tryAcquire(dir);
            if (l != null) {
                return l;
            }
        }
    }

    /**
     * The process holding the lock, from the kernel's table of locks: Linux lists each as
     * {@code "1: POSIX  ADVISORY  WRITE <pid> <major>:<minor>:<inode> <start> <end>"}. A lock held
     * by this JVM (another thread) is this process. Pid 0 when the table cannot be read.
     */
    public static Holder holder(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        if (HELD.containsKey(key)) {
            return new Holder(ProcessHandle.current().pid());
        }
        try {
            long inode = ((Number) Files.getAttribute(key.resolve(FILE), "unix:ino")).longValue();
            for (String line : Files.readAllLines(Path.of("/proc/locks"), StandardCharsets.US_ASCII)) {
                String[] f = line.trim().split("\\s+");
                // "->" marks a waiter, not a holder; fields: n: type mode access pid dev:inode start end
                if (f.length >= 6 && !f[1].equals("->") && f[5].endsWith(":" + inode)) {
                    return new Holder(Long.parseLong(f[4]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: the message says "another process"
        }
        return new Holder(0);
    }

    /** Releases one acquisition; the OS lock goes when the outermost one is released. */
    @Override
    public void close() {
        synchronized (DirectoryLock.class) {
            if (--depth > 0) {
                return;
            }
            HELD.remove(key);
            try {
                lock.release();
            } catch (IOException ignored) {
                // the channel is closed next, which releases it as well
            }
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing was written through it that matters
            }
        }
    }

    /** An I/O failure in words (the JDK's messages are sometimes only a path, or null). */
    public static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return "no such file or directory: " + f.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason() + (f.getFile() != null ? ": " + f.getFile() : "");
        }
        return e.getMessage() != null ? e.getMessage() : "an I/O error (" + e.getClass().getSimpleName().replace("Exception", "") + ")";
    }
}
