package dev.grokphase.bench;

import dev.grokphase.net.Activation;
import dev.grokphase.net.NetworkSpec;
import dev.grokphase.net.Prior;
import dev.grokphase.random.SeedTree;
import dev.grokphase.task.CubicTeacherTask;
import dev.grokphase.task.Dataset;
import dev.grokphase.train.LangevinConfig;
import dev.grokphase.train.Precision;
import dev.grokphase.train.Trainer;
import dev.grokphase.train.TrainingConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full-batch Langevin steps per second on the cubic task (notes §6.1 sizes β = 1/8 and β = 1),
 * the same step as ../shared/peer/torch_langevin.py: erf network, σ_w² = 0.5, σ_a² = 8/N,
 * σ² = 0.2, ε = −0.3, η_g = 0.05 × prior variance. The score is steps/s (ops/s).
 *
 * <p>Secondary metrics {@code cpuNanos} and {@code steps} (JMH aux counters): the benchmark thread's
 * CPU time and step count per iteration. With {@code threads=1} the whole step runs on that thread
 * (OpenBLAS too), so cpuNanos/steps is the step's cost in CPU time, which a loaded machine disturbs
 * far less than the wall-clock score (used for before/after comparisons of the engine's code).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:LoopUnrollLimit=250"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class LangevinStepBenchmark {

    /** "NxnxD": width N, n training points, input dimension d. */
    @Param({"88x375x53", "700x3000x150"})
    public String size;

    @Param({"float64", "float32"})
    public String precision;

    @Param({"2"})
    public int threads;

    /** Networks sharing the dataset, stacked into one GEMM; the score is group steps/s. */
    @Param({"1"})
    public int members;

    private Trainer trainer;

    /** CPU time of the benchmark thread, summed over an iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        public long cpuNanos;
        /** CPU time of the whole process (every thread: helpers, OpenBLAS's, JIT, GC). */
        public long processCpuNanos;
        public long steps;
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    @Setup
    public void setUp() {
        String[] p = size.toLowerCase(java.util.Locale.ROOT).split("x");
        int width = Integer.parseInt(p[0].trim());
        int n = Integer.parseInt(p[1].trim());
        int d = Integer.parseInt(p[2].trim());
        Dataset data = new CubicTeacherTask(d, n, 0, -0.3).generate(SeedTree.root(0).child("data"));
        NetworkSpec spec = NetworkSpec.standard(width, d, 1, Activation.ERF);
        Prior prior = Prior.cubic(0.5, d, 8.0 / width, width);
        TrainingConfig cfg = TrainingConfig.langevin(spec, prior, new LangevinConfig(0.2, 0.05))
                .withPrecision(Precision.valueOf(precision.toUpperCase(java.util.Locale.ROOT)))
                .withThreads(threads);
        List<SeedTree> networks = new java.util.ArrayList<>();
        for (int m = 0; m < members; m++) {
            networks.add(SeedTree.root(0).child("network", m));
        }
        trainer = Trainer.create(cfg, data, networks);
        trainer.run(5);
    }

    @Benchmark
    public double step(CpuTime cpu) {
        long p0 = PROCESS.getProcessCpuTime();
        long t0 = THREADS.getCurrentThreadCpuTime();
        trainer.step();
        cpu.cpuNanos += THREADS.getCurrentThreadCpuTime() - t0;
        cpu.processCpuNanos += PROCESS.getProcessCpuTime() - p0;
        cpu.steps++;
        return trainer.lastLoss();
    }
}
// Command quoted in docs/benchmarks.md:
//   mvn -B -q package -pl grokphase-bench -am -DskipTests
//   java -jar grokphase-bench/target/benchmarks.jar LangevinStepBenchmark
// or bench/compare-torch.sh for the side-by-side run with the PyTorch peer.
