package dev.grokphase.bench;

import dev.grokphase.linalg.Blas;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
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
 * The machine's matrix-multiply rate through the project's own BLAS binding: products per second
 * of C (m×n) = A (m×k)·B (k×n); GFLOP/s = 2·m·n·k·score/1e9. "square" is a large 2048³ product
 * (the machine's rate); "step" is the shape of one product of the β = 1 Langevin step
 * (n=3000, N=700, d=150).
 *
 * <p>{@code product=step} times instead the two products of one Langevin step with the shape read
 * as n×N×d, with the step's transposes: Z (n×N) = X (n×d)·Wᵀ and ∂U/∂W (N×d) = Gᵀ·X, G n×N, each one
 * BLAS call on {@code threads} threads. Its score is the GEMM-bound step rate of that shape (steps/s
 * if a step were nothing but its products); GFLOP/s = 4·n·N·d·score/1e9.
 *
 * <p>Secondary metrics {@code cpuNanos} and {@code products}: the benchmark thread's CPU time and
 * product count per iteration; with {@code threads=1} OpenBLAS computes on that thread, so
 * cpuNanos/products is the product's CPU cost, which load disturbs far less than the wall rate
 * (the GEMM-bound step cost of LangevinStepBenchmark's {@code cpuNanos/steps} is two such products).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 4)
public class GemmBenchmark {

    /** "mxnxk". */
    @Param({"2048x2048x2048", "3000x700x150"})
    public String shape;

    @Param({"float64", "float32"})
    public String precision;

    @Param({"2"})
    public int threads;

    /** "nn": one product C = A·B; "step": the pair of products of a Langevin step (see above). */
    @Param({"nn"})
    public String product;

    /** CPU time of the benchmark thread, summed over an iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        public long cpuNanos;
        public long products;
    }

    private static final java.lang.management.ThreadMXBean THREAD_TIMES =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private int m;
    private int n;
    private int k;
    private DoubleBuffer ad;
    private DoubleBuffer bd;
    private DoubleBuffer cd;
    private FloatBuffer af;
    private FloatBuffer bf;
    private FloatBuffer cf;
    private DoubleBuffer zd;
    private FloatBuffer zf;

    @Setup
    public void setUp() {
        String[] p = shape.split("x");
        m = Integer.parseInt(p[0]);
        n = Integer.parseInt(p[1]);
        k = Integer.parseInt(p[2]);
        Blas.get().setThreads(threads);
        ad = Blas.allocateDouble(m * k);
        bd = Blas.allocateDouble(k * n);
        cd = Blas.allocateDouble(Math.max(m * n, n * k));
        af = Blas.allocateFloat(m * k);
        bf = Blas.allocateFloat(k * n);
        cf = Blas.allocateFloat(Math.max(m * n, n * k));
        if ("step".equals(product)) { // X: n×d (m×k), W: N×d (n×k), Z and G: n×N (m×n), gW: N×d (n×k)
            ad = Blas.allocateDouble(m * k);
            bd = Blas.allocateDouble(n * k);
            zd = Blas.allocateDouble(m * n);
            af = Blas.allocateFloat(m * k);
            bf = Blas.allocateFloat(n * k);
            zf = Blas.allocateFloat(m * n);
            for (int i = 0; i < m * k; i++) {
                ad.put(i, Math.sin(i));
                af.put(i, (float) Math.sin(i));
            }
            for (int i = 0; i < n * k; i++) {
                bd.put(i, Math.cos(i));
                bf.put(i, (float) Math.cos(i));
            }
            return;
        }
        for (int i = 0; i < m * k; i++) {
            ad.put(i, Math.sin(i));
            af.put(i, (float) Math.sin(i));
        }
        for (int i = 0; i < k * n; i++) {
            bd.put(i, Math.cos(i));
            bf.put(i, (float) Math.cos(i));
        }
    }

    @Benchmark
    public double gemm(CpuTime cpu) {
        long t0 = THREAD_TIMES.getCurrentThreadCpuTime();
        double out;
        if ("step".equals(product)) {
            Blas blas = Blas.get();
            if ("float32".equals(precision)) {
                blas.sgemm(false, true, m, n, k, 1f, af, k, bf, k, 0f, zf, n);
                blas.sgemm(true, false, n, k, m, 1f, zf, n, af, k, 0f, cf, k);
                out = cf.get(0);
            } else {
                blas.dgemm(false, true, m, n, k, 1.0, ad, k, bd, k, 0.0, zd, n);
                blas.dgemm(true, false, n, k, m, 1.0, zd, n, ad, k, 0.0, cd, k);
                out = cd.get(0);
            }
        } else if ("float32".equals(precision)) {
            Blas.get().sgemm(false, false, m, n, k, 1f, af, k, bf, n, 0f, cf, n);
            out = cf.get(0);
        } else {
            Blas.get().dgemm(false, false, m, n, k, 1.0, ad, k, bd, n, 0.0, cd, n);
            out = cd.get(0);
        }
        cpu.cpuNanos += THREAD_TIMES.getCurrentThreadCpuTime() - t0;
        cpu.products++;
        return out;
    }
}
