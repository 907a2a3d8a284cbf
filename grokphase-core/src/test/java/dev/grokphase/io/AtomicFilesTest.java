package dev.grokphase.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicFilesTest {

    @TempDir
    Path tmp;

    @Test
    void writesReplaceTheTargetAndLeaveNoTemporarySibling() throws Exception {
        Path f = tmp.resolve("sub/a.txt");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertThat(Files.readString(f)).isEqualTo("two");
        try (var s = Files.list(f.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("a.txt");
        }
    }

    @Test
    void anAtomicallyWrittenFileHasTheModeOfAnyFileThisProcessCreates() throws Exception {
        assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        Path plain = Files.createFile(tmp.resolve("plain.txt"));   // 0666 less the umask
        Path atomic = tmp.resolve("atomic.txt");
        AtomicFiles.writeString(atomic, "x");
        String expected = PosixFilePermissions.toString(Files.getPosixFilePermissions(plain));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(atomic))).isEqualTo(expected);
        // Under the usual umask 022 that is rw-r--r--, never the owner-only mode of a temp file.
        Process p = new ProcessBuilder("sh", "-c", "umask").start();
        String umask = new String(p.getInputStream().readAllBytes()).strip();
        if (umask.endsWith("022")) {
            assertThat(expected).isEqualTo("rw-r--r--");
        }
    }
}
