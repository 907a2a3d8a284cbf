package dev.grokphase.spark;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.io.Json;
import dev.grokphase.sweep.RunCompleteness;
import dev.grokphase.sweep.RunStatus;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A sweep's output directory on any Hadoop-compatible file system, with all-or-nothing run
 * commits. Layout, the same as the local executor's ({@code SweepRunner.runDir}):
 * <pre>
 *   ROOT/runs/KEY/...                     one committed run (exactly what the run wrote)
 *   ROOT/_attempts/KEY-ATTEMPT/...        a task attempt's private work area (never read; removed
 *                                         when the Spark job ends)
 *   ROOT/_stale/KEY-APP/...               an unfinished run found under runs/ (left by a killed
 *                                         local sweep), moved aside before the key is recomputed
 * </pre>
 *
 * <p>Protocol (design-notes "Spark executor"): an attempt writes only into its own
 * {@code _attempts/KEY-ATTEMPT} directory, whose name is unique per Spark application and task
 * attempt; it then commits by renaming that directory to {@code ROOT/runs/KEY} <em>only if the key is
 * absent</em>. The rename is a single atomic operation, so a reader sees either no run or a whole
 * run, and of two attempts racing to commit the same key (a retry and a speculative copy) exactly
 * one wins; the loser deletes its work area. A key that exists is complete by construction and is
 * never computed again.
 *
 * <p>Why two rename paths: Hadoop's {@code FileSystem.rename(src, dst)} moves {@code src}
 * <em>into</em> {@code dst} when {@code dst} is an existing directory, and the local file system
 * falls back to a copy when {@code File.renameTo} fails (Hadoop 3.3 RawLocalFileSystem), so a lost
 * race would leave a duplicate nested inside the committed run. Therefore:
 * <ul>
 *   <li>local paths ({@code file:}) use POSIX rename(2) through {@link Files#move} with
 *       {@code ATOMIC_MOVE}: it fails on an existing non-empty directory, atomically;</li>
 *   <li>every other scheme uses {@link FileContext#rename} with {@link Options.Rename#NONE}, which
 *       HDFS performs as one NameNode operation that fails if the destination exists. Object stores
 *       (S3A) implement rename as copy-and-delete, which is not atomic: there, leave speculation
 *       off (Spark's default) so only a retry, never a concurrent copy, can reach the commit.</li>
 * </ul>
 * The local file system is used through its raw (checksum-free) form so that no {@code .crc}
 * sidecar files appear and the run directories are byte-for-byte what the local executor writes,
 * and with the process's umask instead of Hadoop's configured one, so their modes match too.
 */
public final class HadoopRunStore implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Sub-directory of the committed runs (as the local executor's run store). */
    public static final String RUNS = "runs";
    /** Sub-directory of the task attempts' private work areas. */
    public static final String ATTEMPTS = "_attempts";
    /** Sub-directory where unfinished runs found under {@link #RUNS} are moved aside. */
    public static final String STALE = "_stale";

    /** Result of a commit. */
    public enum Commit {
        /** This attempt's directory became the run. */
        COMMITTED,
        /** Another attempt had committed the key first; this attempt's work was discarded. */
        ALREADY_COMMITTED
    }

    private final String root;
    private final SerializableHadoopConf conf;
    private final boolean forceHadoopRename;
    /** Mask for files and directories created on a local file system (-1: this process's umask). */
    private final int localUmask;
    private transient FileSystem fs;

    public HadoopRunStore(String root, Configuration conf) {
        this(root, conf, false);
    }

    /** {@code forceHadoopRename}: use the FileContext path even on a local file system (tests). */
    HadoopRunStore(String root, Configuration conf, boolean forceHadoopRename) {
        this(root, conf, forceHadoopRename, -1);
    }

    /** {@code localUmask}: the mask for a local file system (tests; -1: the process's umask). */
    HadoopRunStore(String root, Configuration conf, boolean forceHadoopRename, int localUmask) {
        this.root = root;
        this.conf = new SerializableHadoopConf(conf);
        this.forceHadoopRename = forceHadoopRename;
        this.localUmask = localUmask;
    }

    public String root() {
        return root;
    }

    public Path rootPath() {
        return fs().makeQualified(new Path(root));
    }

    public Path runPath(String key) {
        return new Path(new Path(rootPath(), RUNS), key);
    }

    /**
     * The run directory as a string for {@code RunResult.directory}: a plain local path for the
     * local file system (so {@code SweepSummary} reads it with java.nio), the full URI otherwise.
     */
    public String runLocation(String key) {
        Path p = runPath(key);
        return fs() instanceof RawLocalFileSystem raw ? raw.pathToFile(p).getPath() : p.toString();
    }

    public Path attemptPath(String key, String attempt) {
        return new Path(new Path(rootPath(), ATTEMPTS), key + "-" + attempt);
    }

    public FileSystem fs() {
        if (fs == null) {
            try {
                URI uri = URI.create(root).getScheme() == null ? new Path(root).toUri() : URI.create(root);
                FileSystem f;
                if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
                    // Files written here follow the umask of the process writing them, as local
                    // runs' do, not Hadoop's fs.permissions.umask-mask (022 unless configured).
                    // An instance of our own: the cached one keeps the configuration it was made with.
                    Configuration c = new Configuration(conf.get());
                    c.set(FsPermission.UMASK_LABEL, String.format("%03o", localUmask >= 0 ? localUmask : ProcessUmask.get()));
                    f = FileSystem.newInstance(uri, c);
                } else {
                    f = FileSystem.get(uri, conf.get());
                }
                // Raw local: no .crc sidecars, so run directories match the local executor's.
                fs = f instanceof LocalFileSystem local ? local.getRawFileSystem() : f;
            } catch (IOException e) {
                throw io("open", root, e);
            }
        }
        return fs;
    }

    /** True when the run {@code key} has been committed (and so is complete). */
    public boolean isCommitted(String key) {
        try {
            return fs().exists(runPath(key));
        } catch (IOException e) {
            throw io("check", runPath(key).toString(), e);
        }
    }

    /**
     * The status that a run directory's {@code manifest.json} records (run directory contract), read
     * through the Hadoop file system; {@link RunStatus#ABSENT} when there is no directory or manifest.
     */
    public RunStatus status(String key) {
        Path manifest = new Path(runPath(key), "manifest.json");
        try (FSDataInputStream in = fs().open(manifest)) {
            String s = Json.MAPPER.readTree(in).path("status").asText("");
            for (RunStatus v : RunStatus.values()) {
                if (v.id().equals(s) && v != RunStatus.INCOMPLETE) {
                    // As the local store: a completed run must hold its results (RunCompleteness).
                    return v == RunStatus.COMPLETED && completenessProblem(key) != null ? RunStatus.INCOMPLETE : v;
                }
            }
            return RunStatus.UNREADABLE;
        } catch (FileNotFoundException e) {
            return RunStatus.ABSENT;
        } catch (IOException e) {
            return RunStatus.UNREADABLE;
        }
    }

    /**
     * Why the committed run {@code key} is not complete ({@link RunCompleteness}), or null when it
     * is. A local store is checked in place; a remote one (HDFS, S3) is copied to a temporary local
     * directory first, since the check reads every data file.
     */
    public String completenessProblem(String key) {
        Path run = runPath(key);
        try {
            if (fs() instanceof RawLocalFileSystem || fs() instanceof LocalFileSystem) {
                return RunCompleteness.problem(java.nio.file.Path.of(fs().makeQualified(run).toUri()));
            }
            java.nio.file.Path tmp = Files.createTempDirectory("grokphase-check-");
            try {
                fs().copyToLocalFile(false, run, new Path(tmp.resolve(key).toUri()), true);
                return RunCompleteness.problem(tmp.resolve(key));
            } finally {
                try (Stream<java.nio.file.Path> walk = Files.walk(tmp)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw io("check", run.toString(), e);
        }
    }

    /** Moves an unfinished run directory out of {@code runs/} so its key can be committed afresh. */
    public Path moveAside(String key, String tag) {
        Path dst = new Path(new Path(rootPath(), STALE), key + "-" + tag);
        try {
            fs().mkdirs(dst.getParent());
            fs().delete(dst, true);
            if (!fs().rename(runPath(key), dst)) {
                throw new IOException("rename returned false");
            }
        } catch (IOException e) {
            throw io("move aside", runPath(key).toString(), e);
        }
        return dst;
    }

    /** Keys of every directory under {@code runs/}, sorted (names starting with _ or . are not runs). */
    public TreeSet<String> presentKeys() {
        TreeSet<String> keys = new TreeSet<>();
        Path runs = new Path(rootPath(), RUNS);
        try {
            if (!fs().exists(runs)) {
                return keys;
            }
            for (FileStatus s : fs().listStatus(runs)) {
                String name = s.getPath().getName();
                if (s.isDirectory() && !name.startsWith("_") && !name.startsWith(".")) {
                    keys.add(name);
                }
            }
        } catch (IOException e) {
            throw io("list", root, e);
        }
        return keys;
    }

    /** Creates a fresh, empty work area for one attempt (removing leftovers of the same name). */
    public Path newAttempt(String key, String attempt) {
        Path p = attemptPath(key, attempt);
        try {
            fs().delete(p, true);
            if (!fs().mkdirs(p)) {
                throw new IOException("mkdirs returned false");
            }
        } catch (IOException e) {
            throw io("create", p.toString(), e);
        }
        return p;
    }

    /** Regular files under a local directory, as sorted relative paths with '/' separators. */
    public static List<String> localFiles(java.nio.file.Path dir) {
        try (Stream<java.nio.file.Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies one file of a local run directory into an attempt's work area. */
    public void upload(java.nio.file.Path localDir, String relative, Path attempt) {
        Path dst = new Path(attempt, relative);
        try {
            fs().copyFromLocalFile(false, true, new Path(localDir.resolve(relative).toUri()), dst);
        } catch (IOException e) {
            throw io("upload", dst.toString(), e);
        }
    }

    /** Copies a whole local run directory into an attempt's work area. */
    public void uploadAll(java.nio.file.Path localDir, Path attempt) {
        for (String rel : localFiles(localDir)) {
            upload(localDir, rel, attempt);
        }
    }

    /**
     * Makes the attempt's directory the run {@code key} if no run of that key exists; otherwise
     * discards the attempt. Either way the attempt's work area is gone afterwards.
     */
    public Commit commit(String key, Path attempt) {
        Path dst = runPath(key);
        try {
            if (!fs().exists(dst) && renameIfAbsent(attempt, dst)) {
                return Commit.COMMITTED;
            }
            fs().delete(attempt, true);
            return Commit.ALREADY_COMMITTED;
        } catch (IOException e) {
            throw io("commit", dst.toString(), e);
        }
    }

    private boolean renameIfAbsent(Path src, Path dst) throws IOException {
        FileSystem f = fs();
        if (f instanceof RawLocalFileSystem raw && !forceHadoopRename) {
            java.nio.file.Path s = raw.pathToFile(src).toPath();
            java.nio.file.Path d = raw.pathToFile(dst).toPath();
            Files.createDirectories(d.getParent());
            try {
                Files.move(s, d, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (IOException e) {
                // rename(2) refuses a non-empty target: another attempt committed first.
                if (Files.exists(d)) {
                    return false;
                }
                throw e;
            }
        }
        f.mkdirs(dst.getParent());
        try {
            FileContext.getFileContext(f.getUri(), conf.get()).rename(src, dst, Options.Rename.NONE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /**
     * Removes the work areas whose names end with {@code -ATTEMPT_PREFIX...}, i.e. those of one
     * Spark application, and the {@code _attempts} directory itself once it is empty.
     */
    public int cleanAttempts(String attemptPrefix) {
        Path dir = new Path(rootPath(), ATTEMPTS);
        int removed = 0;
        try {
            if (!fs().exists(dir)) {
                return 0;
            }
            List<Path> mine = new ArrayList<>();
            for (FileStatus s : fs().listStatus(dir)) {
                if (s.getPath().getName().contains("-" + attemptPrefix)) {
                    mine.add(s.getPath());
                }
            }
            for (Path p : mine) {
                fs().delete(p, true);
                removed++;
            }
            if (fs().listStatus(dir).length == 0) {
                fs().delete(dir, true);
            }
        } catch (IOException e) {
            throw io("clean", dir.toString(), e);
        }
        return removed;
    }

    private static GrokphaseException io(String what, String where, IOException e) {
        return new GrokphaseException(ErrorCode.IO, "cannot " + what + " " + where + ": " + e.getMessage(), e);
    }
}
