package dev.grokphase.app.cli;

import dev.grokphase.app.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The tool's own commit, recorded at build time by scripts/write-build-info.sh: shown by
 * {@code --version}, the same whatever directory the tool runs in, and "unknown" for sources that
 * are no git checkout of their own (a source tarball, also one unpacked inside another repository).
 */
class VersionProviderTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path SCRIPT = ROOT.resolve("scripts/write-build-info.sh");

    @TempDir
    Path tmp;

    private static String sh(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private String commitOf(Path sources) throws Exception {
        Path out = tmp.resolve("build.properties");
        sh(tmp, "bash", SCRIPT.toString(), sources.toString(), out.toString());
        return Files.readAllLines(out).stream().filter(l -> l.startsWith("gitCommit=")).findFirst().orElseThrow()
                .substring("gitCommit=".length());
    }

    private static boolean hasGit() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void versionShowsTheCommitTheToolWasBuiltFrom() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("grokphase " + VersionProvider.version() + " (commit " + VersionProvider.gitCommit() + ")");
        assertThat(VersionProvider.gitCommit()).matches("[0-9a-f]{40}(-dirty)?|unknown");
    }

    @Test
    void theBuildRecordsThisCheckoutsHeadAndUnknownOutsideACheckoutOfItsOwn() throws Exception {
        assumeTrue(hasGit() && Files.exists(ROOT.resolve(".git")), "a git checkout with git installed");
        String head = sh(ROOT, "git", "rev-parse", "HEAD");
        assertThat(commitOf(ROOT)).matches(head + "(-dirty)?");
        // The build of the module under test ran the same script on the same checkout.
        assertThat(VersionProvider.gitCommit()).matches(head + "(-dirty)?");

        Path tarball = Files.createDirectories(tmp.resolve("grokphase-src"));
        assertThat(commitOf(tarball)).isEqualTo("unknown");
        Path outer = Files.createDirectories(tmp.resolve("outer"));
        sh(outer, "git", "init", "-q");
        Path nested = Files.createDirectories(outer.resolve("grokphase-src"));
        assertThat(commitOf(nested)).as("sources unpacked inside another repository").isEqualTo("unknown");
    }
}
