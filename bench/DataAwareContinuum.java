// The continuum limit of the data-aware solver (issue 10 tests): at fixed n/σ² the data-aware answer
// approaches the finite-d (continuum) solver's as n grows. Prints, per n, the data-aware learned linear
// and cubic fraction averaged over D datasets (± Monte-Carlo error, ± dataset spread) and the finite-d
// answer. Run from the repository root:
//   java -cp "grokphase-app/target/grokphase.jar" bench/DataAwareContinuum.java RATIO D n1,n2,...
// (defaults of the documented run: RATIO = n/σ² = 1000, d = 10, N = 200, σ_a² = 0.05, σ_w² = 0.5, ε = −0.3)
import dev.grokphase.theory.ak.AkSettings;
import dev.grokphase.theory.ak.CubicDataTheory;
import dev.grokphase.theory.ak.SamplerSettings;
import dev.grokphase.theory.cubic.CubicParams;
import dev.grokphase.theory.cubic.CubicSolution;
import dev.grokphase.theory.cubic.FiniteDSolver;

public class DataAwareContinuum {
    public static void main(String[] args) {
        double ratio = Double.parseDouble(args[0]);
        int datasets = Integer.parseInt(args[1]);
        for (String nn : args[2].split(",")) {
            int n = Integer.parseInt(nn);
            double s2 = n / ratio;
            CubicDataTheory.Point pt = new CubicDataTheory.Point(n, 4000, 200, 10, s2, 0.5, 0.05, -0.3);
            CubicSolution fd = new FiniteDSolver().solve(new CubicParams(n, 200, 10, s2, 0.05, 0.5, -0.3)).selected();
            AkSettings st = AkSettings.defaults(0).withSampler(new SamplerSettings(16, 4, 100, 64, 2, 8, 0));
            long t0 = System.nanoTime();
            CubicDataTheory.Result r = CubicDataTheory.solve(pt, 0, datasets, st);
            System.out.printf("n %5d s2 %.3f: data-aware lin %.4f ± %.4f cub %.4f ± %.4f | finite-d lin %.4f cub %.4f | conv %s %.1fs%n",
                    n, s2, r.learnedLinear().value(), r.learnedLinear().error(), r.learnedCubic().value(), r.learnedCubic().error(),
                    1 - fd.b(), (-0.3 - fd.c()) / -0.3, r.converged(), (System.nanoTime() - t0) / 1e9);
        }
    }
}
