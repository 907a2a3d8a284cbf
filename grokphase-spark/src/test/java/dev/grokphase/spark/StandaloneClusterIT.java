package dev.grokphase.spark;

import dev.grokphase.app.GrokphaseCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Spark standalone cluster on this machine: a Master and a Worker, each its own JVM bound
 * to 127.0.0.1, started from the Maven-resolved Spark 3.5 jars (a directory of links standing in
 * for a Spark installation's {@code jars/}, from which the Worker starts its executor JVMs). A
 * small training sweep is submitted through the user's path ({@code ./grokphase sweep ...
 * --executor spark --executor-option master=spark://...}), the Worker's executor JVM is killed
 * with SIGKILL while runs are in flight, and the result must still equal a local sweep's byte
 * for byte; resubmitting must then do no work.
 *
 * <p>Takes one to three minutes on two cores: run with {@code mvn -B verify -Pcluster-it} (README,
 * "Sweeps on a cluster").
 */
class StandaloneClusterIT {

    @TempDir
    Path tmp;

    private final List<Process> daemons = new ArrayList<>();

    @AfterEach
    void stopCluster() {
        for (Process p : daemons) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts a Spark daemon class with spark-submit-mvn's class path, as its own JVM. */
    private Process daemon(String mainClass, Path sparkHome, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(UserPath.SPARK_SUBMIT_MVN.toString()));
        cmd.addAll(List.of(args));
        Process p = UserPath.builder(cmd, Map.of("GROKPHASE_SPARK_CLASS", mainClass, "SPARK_HOME", sparkHome.toString(),
                "SPARK_SCALA_VERSION", "2.13", "SPARK_NO_DAEMONIZE", "1"), log).start();
        daemons.add(p);
        return p;
    }

    private static void awaitLine(Path log, String text, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no '" + text + "' within " + seconds + " s; log:\n" + UserPath.tail(log));
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void aSweepOnAStandaloneClusterSurvivesAKilledExecutorWithTheLocalSweepsBytes() throws Exception {
        // A Spark "installation" whose jars/ are the Maven-resolved ones: the Worker builds each
        // executor's class path from SPARK_HOME/jars, as on a real cluster.
        // (Under target/, not the test's temporary directory, whose clean-up warns about every link.)
        Path sparkHome = UserPath.ROOT.resolve("grokphase-spark/target/cluster-it/spark-home");
        TreeDiff.deleteTree(sparkHome);
        Files.createDirectories(sparkHome.resolve("jars"));
        for (String jar : UserPath.sparkClassPath("2.13", tmp.resolve("resolve.log"))) {
            Path j = Path.of(jar);
            Files.createSymbolicLink(sparkHome.resolve("jars").resolve(j.getFileName()), j);
        }
        int port = freePort();
        Path masterLog = tmp.resolve("master.log");
        daemon("org.apache.spark.deploy.master.Master", sparkHome, masterLog,
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()));
        awaitLine(masterLog, "I have been elected leader", 180);
        Path workerLog = tmp.resolve("worker.log");
        Process worker = daemon("org.apache.spark.deploy.worker.Worker", sparkHome, workerLog,
                "--host", "127.0.0.1", "--cores", "2", "--memory", "1g", "--webui-port", Integer.toString(freePort()),
                "--work-dir", tmp.resolve("worker-dir").toString(), "spark://127.0.0.1:" + port);
        awaitLine(workerLog, "Successfully registered with master", 180);
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            // the master listens on the loopback address only
        }

        Path spec = tmp.resolve("small.yaml");
        Files.writeString(spec, """
                id: small
                title: Langevin runs of a few seconds each, for a cluster test
                training:
                  - id: tiny
                    command: train cubic
                    config: {n: 100, n-test: 100, N: 30, d: 20, steps: 8000, seeds: 2}
                    grid: {sigma2: [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]}
                """);
        Path out = tmp.resolve("spark-out");
        Path sweepLog = tmp.resolve("sweep.log");
        List<String> submit = UserPath.sweep(spec.toString(), "--out", out.toString(), "--executor", "spark",
                "--executor-option", "master=spark://127.0.0.1:" + port);
        Process sweep = UserPath.builder(submit, Map.of(), sweepLog).start();

        // Once a first run is committed, more are in flight on the one executor: kill its JVM.
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
        while (count(out.resolve("runs")) == 0 && sweep.isAlive() && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertThat(sweep.isAlive()).as("the sweep still runs after its first commit; log:\n" + UserPath.tail(sweepLog)).isTrue();
        List<ProcessHandle> executors = worker.descendants()
                .filter(h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).toList();
        assertThat(executors).as("the worker's executor JVM").hasSize(1);
        assertThat(executors.get(0).destroyForcibly()).isTrue();

        assertThat(sweep.waitFor(8, TimeUnit.MINUTES)).as(UserPath.tail(sweepLog)).isTrue();
        String text = Files.readString(sweepLog);
        assertThat(sweep.exitValue()).as(UserPath.tail(sweepLog)).isZero();
        assertThat(text).contains("ExecutorLostFailure").contains("failed (Spark retries it)")
                .contains("6/6 runs completed");

        StringWriter err = new StringWriter();
        Path local = tmp.resolve("local-out");
        assertThat(GrokphaseCli.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "sweep", spec.toString(), "--out", local.toString(), "--threads", "2")).as(err.toString()).isZero();
        assertThat(TreeDiff.files(local.resolve("runs"))).hasSize(6 * 9);
        assertThat(TreeDiff.diff(local.resolve("runs"), out.resolve("runs"), SparkCliTest.EXECUTION_MEMBERS, "grokphase.log"))
                .isEmpty();
        assertThat(out.resolve(HadoopRunStore.ATTEMPTS)).doesNotExist();

        // Resubmitted to the same cluster: every run is done, no Spark job is started.
        Path againLog = tmp.resolve("again.log");
        assertThat(UserPath.run(submit, Map.of(), againLog, 5)).as(UserPath.tail(againLog)).isZero();
        assertThat(Files.readString(againLog)).contains("all 6 runs already done").doesNotContain("started: ");
    }
}
