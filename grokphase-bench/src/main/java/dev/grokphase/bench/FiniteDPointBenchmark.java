package dev.grokphase.bench;

import dev.grokphase.theory.cubic.CubicParams;
import dev.grokphase.theory.cubic.CubicResult;
import dev.grokphase.theory.cubic.FiniteDSolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Finite-d solver of model 1 at the paper's Fig. 2 point (n = 3000, N = 700, d = 150, σ_w² = 0.5,
 * σ_a² = 8/700, ε = −0.3). {@code finitePoint}:
 * one finite-d solve per call, cycling through 200 σ² values over [0.10, 0.30] (the transition is at
 * 0.179), continuation seed from the previous point as the command uses it (target: &lt; 20 ms).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class FiniteDPointBenchmark {

    /** finite-d: true = seeds plus the (b, c) scan for every root (the default), false = seeds only (--no-scan). */
    @Param({"true", "false"})
    public boolean scan;

    private FiniteDSolver finite;
    private CubicParams[] points;
    private int next;
    private double[] seed;

    @Setup(Level.Trial)
    public void setUp() {
        finite = new FiniteDSolver(2001, scan);
        points = new CubicParams[200];
        for (int i = 0; i < points.length; i++) {
            points[i] = CubicParams.fig2(0.10 + 0.20 * i / (points.length - 1));
        }
    }

    @Benchmark
    public CubicResult finitePoint() {
        CubicParams p = points[next];
        next = (next + 1) % points.length;
        CubicResult r = finite.solve(p, next == 1 ? null : seed);
        seed = new double[]{r.selected().b(), r.selected().c()};
        return r;
    }
}
// Command quoted in docs/benchmarks.md:
//   mvn -B -q package -pl grokphase-bench -am -DskipTests
//   java -jar grokphase-bench/target/benchmarks.jar FiniteDPointBenchmark -f 1 -wi 2 -i 3
