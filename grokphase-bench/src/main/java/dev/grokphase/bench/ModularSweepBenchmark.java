package dev.grokphase.bench;

import dev.grokphase.theory.modular.Limit;
import dev.grokphase.theory.modular.ModularParams;
import dev.grokphase.theory.modular.ModularSolver;
import dev.grokphase.theory.modular.Normalization;
import dev.grokphase.theory.modular.ThermodynamicLimit;
import dev.grokphase.theory.modular.TransitionFinder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Model 2 theory: a 1000-point σ² sweep over the paper's Fig. 3 window (0.15 to 0.25) with the
 * finite-P solver (grid scan of 2048 points + Brent per point) and with the P → ∞ closed forms,
 * and the finite-P transition search. Returns a checksum so nothing is dead code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ModularSweepBenchmark {

    @Param({"paper", "exact"})
    public String normalization;

    private ModularSolver solver;
    private Normalization norm;

    @org.openjdk.jmh.annotations.Setup
    public void setup() {
        norm = Normalization.valueOf(normalization.toUpperCase(java.util.Locale.ROOT));
        solver = new ModularSolver(norm);
    }

    @Benchmark
    public double sweep1000Finite() {
        double sum = 0;
        for (int i = 0; i < 1000; i++) {
            sum += solver.solve(ModularParams.fig3(0.15 + i * 1e-4)).a();
        }
        return sum;
    }

    @Benchmark
    public double sweep1000Thermodynamic() {
        double sum = 0;
        for (int i = 0; i < 1000; i++) {
            sum += ThermodynamicLimit.solve(ModularParams.fig3(0.15 + i * 1e-4), norm).a();
        }
        return sum;
    }

    @Benchmark
    public double transitionFinite() {
        return new TransitionFinder(norm).find(ModularParams.fig3(0.2), Limit.FINITE).sigma2c1();
    }
}
// java -jar grokphase-bench/target/benchmarks.jar 'Modular.*' -f 1 -wi 2 -w 2s -i 3 -r 3s
