package dev.grokphase.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class HadoopRunStoreTest {

    @TempDir
    java.nio.file.Path tmp;

    private java.nio.file.Path localRun(String name, String payload) throws IOException {
        java.nio.file.Path d = tmp.resolve("local").resolve(name);
        Files.createDirectories(d.resolve("observables"));
        Files.writeString(d.resolve("manifest.json"), "{\"payload\":\"" + payload + "\"}\n");
        Files.writeString(d.resolve("observables/values.csv"), "x,y\n1," + payload + "\n");
        return d;
    }

    private HadoopRunStore store(boolean forceHadoopRename) {
        return new HadoopRunStore(tmp.resolve("out").toUri().toString(), new Configuration(), forceHadoopRename);
    }

    @Test
    void commitPublishesExactlyTheUploadedFilesWithoutChecksumSidecars() throws IOException {
        HadoopRunStore store = store(false);
        java.nio.file.Path run = localRun("a", "1");
        Path work = store.newAttempt("k1", "app-0");
        store.uploadAll(run, work);
        assertThat(store.isCommitted("k1")).isFalse();
        assertThat(store.commit("k1", work)).isEqualTo(HadoopRunStore.Commit.COMMITTED);
        assertThat(store.isCommitted("k1")).isTrue();
        assertThat(TreeDiff.diff(run, tmp.resolve("out/runs/k1"))).isEmpty();
        assertThat(store.presentKeys()).containsExactly("k1");
        assertThat(store.cleanAttempts("app")).isZero();
        assertThat(tmp.resolve("out/_attempts")).doesNotExist();
    }

    @Test
    void committedRunsTakeTheProcessUmaskNotHadoopsDefault() throws Exception {
        // The same upload and commit under two masks: modes follow the mask given, not Hadoop's 022.
        for (int umask : new int[] {077, 022}) {
            HadoopRunStore store = new HadoopRunStore(tmp.resolve("out" + umask).toUri().toString(), new Configuration(), false, umask);
            Path work = store.newAttempt("k", "app-0");
            store.uploadAll(localRun("m" + umask, "1"), work);
            assertThat(store.commit("k", work)).isEqualTo(HadoopRunStore.Commit.COMMITTED);
            java.nio.file.Path run = tmp.resolve("out" + umask).resolve("runs/k");
            String file = umask == 077 ? "rw-------" : "rw-r--r--";
            String dir = umask == 077 ? "rwx------" : "rwxr-xr-x";
            assertThat(mode(run.resolve("manifest.json"))).isEqualTo(file);
            assertThat(mode(run.resolve("observables/values.csv"))).isEqualTo(file);
            assertThat(mode(run.resolve("observables"))).isEqualTo(dir);
            assertThat(mode(run)).isEqualTo(dir);
        }
        // And by default the mask is this process's own, read the way a shell reads it.
        Process p = new ProcessBuilder("sh", "-c", "umask").start();
        int shell = Integer.parseInt(new String(p.getInputStream().readAllBytes()).strip(), 8);
        assertThat(ProcessUmask.get()).isEqualTo(shell);
    }

    private static String mode(java.nio.file.Path p) throws IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void secondCommitOfAKeyIsDiscardedAndNeverNested() throws IOException {
        for (boolean forced : new boolean[] {false, true}) {
            HadoopRunStore store = new HadoopRunStore(tmp.resolve("out" + forced).toUri().toString(), new Configuration(), forced);
            java.nio.file.Path first = localRun("first" + forced, "first");
            java.nio.file.Path second = localRun("second" + forced, "second");
            Path w1 = store.newAttempt("k", "app-1");
            store.uploadAll(first, w1);
            Path w2 = store.newAttempt("k", "app-2");
            store.uploadAll(second, w2);
            assertThat(store.commit("k", w1)).isEqualTo(HadoopRunStore.Commit.COMMITTED);
            assertThat(store.commit("k", w2)).isEqualTo(HadoopRunStore.Commit.ALREADY_COMMITTED);
            java.nio.file.Path fin = tmp.resolve("out" + forced).resolve("runs/k");
            assertThat(TreeDiff.diff(first, fin)).as("forced=" + forced).isEmpty();
            assertThat(store.fs().exists(w2)).isFalse();
            assertThat(store.cleanAttempts("app")).isZero();
            assertThat(tmp.resolve("out" + forced).resolve("_attempts")).doesNotExist();
        }
    }

    @Test
    void ofManyAttemptsRacingToCommitOneKeyExactlyOneWins() throws Exception {
        HadoopRunStore store = store(false);
        int n = 8;
        List<Path> works = new ArrayList<>();
        List<java.nio.file.Path> locals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            java.nio.file.Path r = localRun("r" + i, "attempt-" + i);
            Path w = store.newAttempt("race", "app-" + i);
            store.uploadAll(r, w);
            locals.add(r);
            works.add(w);
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<HadoopRunStore.Commit>> results = new ArrayList<>();
        for (Path w : works) {
            results.add(pool.submit(() -> {
                go.await();
                return store.commit("race", w);
            }));
        }
        go.countDown();
        int winner = -1;
        int wins = 0;
        for (int i = 0; i < n; i++) {
            if (results.get(i).get() == HadoopRunStore.Commit.COMMITTED) {
                wins++;
                winner = i;
            }
        }
        pool.shutdown();
        assertThat(wins).isEqualTo(1);
        java.nio.file.Path fin = tmp.resolve("out/runs/race");
        // The committed run is the winner's, whole, with nothing of the losers inside it.
        assertThat(TreeDiff.diff(locals.get(winner), fin)).isEmpty();
        assertThat(store.cleanAttempts("app")).isZero();
        assertThat(tmp.resolve("out/_attempts")).doesNotExist();
        assertThat(Files.readString(fin.resolve("manifest.json"), StandardCharsets.UTF_8)).contains("attempt-" + winner);
    }

    @Test
    void failureInjectionSpecsParseOrFailWithOneLine() {
        assertThat(FailureInjection.parse("train-cubic-1f3a@mid-upload"))
                .isEqualTo(new FailureInjection("train-cubic-1f3a", FailureInjection.Phase.MID_UPLOAD));
        assertThat(FailureInjection.parse("k@AFTER_COMMIT").phase()).isEqualTo(FailureInjection.Phase.AFTER_COMMIT);
        assertThat(FailureInjection.parse(" ")).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FailureInjection.parse("k@later"))
                .hasMessage("spark.grokphase.injectFailure = k@later is invalid: expected KEY@mid-upload or KEY@after-commit");
    }

    @Test
    void cleanAttemptsRemovesOnlyOneApplicationsWorkAreas() {
        HadoopRunStore store = store(false);
        store.newAttempt("k", "local-1-0.0-3");
        store.newAttempt("k", "local-2-0.0-3");
        assertThat(store.cleanAttempts("local-1")).isEqualTo(1);
        assertThat(tmp.resolve("out/_attempts/k-local-2-0.0-3")).isDirectory();
        assertThat(store.presentKeys()).isEmpty();
    }
}
