package dev.grokphase.bench;

import dev.grokphase.theory.cubic.CubicParams;
import dev.grokphase.theory.cubic.ThermodynamicSolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Thermodynamic-limit solver of model 1 at the paper's Fig. 2 point (n = 3000, N = 700, d = 150, σ_w² = 0.5,
 * σ_a² = 8/700, ε = −0.3). {@code thermodynamicSweep1000}: one full 1000-point σ² sweep over
 * [0.10, 0.30] with the thermodynamic-limit solver (target: well under 2 s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class ThermodynamicSweepBenchmark {

    private ThermodynamicSolver thermo;
    private CubicParams[] sweep;

    @Setup(Level.Trial)
    public void setUp() {
        thermo = new ThermodynamicSolver();
        sweep = new CubicParams[1000];
        for (int i = 0; i < sweep.length; i++) {
            sweep[i] = CubicParams.fig2(0.10 + 0.20 * i / (sweep.length - 1));
        }
    }

    @Benchmark
    public double thermodynamicSweep1000() {
        double acc = 0;
        for (CubicParams p : sweep) {
            acc += thermo.solve(p).selected().c();
        }
        return acc;
    }
}
// Command quoted in docs/benchmarks.md:
//   mvn -B -q package -pl grokphase-bench -am -DskipTests
//   java -jar grokphase-bench/target/benchmarks.jar ThermodynamicSweepBenchmark -f 1 -wi 2 -i 3
