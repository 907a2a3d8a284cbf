package dev.grokphase.bench;

import dev.grokphase.theory.modular.gp.FullTableGp;
import dev.grokphase.theory.modular.gp.LowRankSubsetGp;
import dev.grokphase.theory.modular.gp.QuadraticNngpKernel;
import dev.grokphase.theory.modular.gp.SubsetGp;
import dev.grokphase.theory.modular.gp.TwoHotTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * NNGP baseline of model 2: the full P = 401 table (all 401 channels, eigenspace path), half of
 * the P = 401 table (low-rank Woodbury path, build + errors on the other half), and the dense
 * Cholesky reference on half of a P = 31 table (480 entries). Split seed 1.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class ModularGpBenchmark {

    private QuadraticNngpKernel k401;
    private QuadraticNngpKernel k31;
    private int[][] split401;
    private int[][] split31;

    @Setup
    public void setup() {
        k401 = new QuadraticNngpKernel(new TwoHotTable(401), 2e-6);
        k31 = new QuadraticNngpKernel(new TwoHotTable(31), 2e-6);
        split401 = SubsetGp.randomSplit(k401.table(), 0.5, 1);
        split31 = SubsetGp.randomSplit(k31.table(), 0.5, 1);
    }

    @Benchmark
    public double fullTableP401() {
        return new FullTableGp(k401, 0.2).fitTarget().trainRelRmse();
    }

    @Benchmark
    public double halfTableLowRankP401() {
        return new LowRankSubsetGp(k401, 0.2, split401[0]).fit(split401[1]).testRelRmse();
    }

    @Benchmark
    public double halfTableDenseP31() {
        return new SubsetGp(k31, 0.2, split31[0]).fit(split31[1]).testRelRmse();
    }
}
// java -jar grokphase-bench/target/benchmarks.jar 'ModularGp' -f 1 -wi 1 -w 3s -i 3 -r 5s
