// The 1/M bias of the data-aware solver and its jackknife correction (issue 10 §2), at the β = 1/8
// Fig. 2 point: for each sample size M = chains × K, solves the given datasets and prints the
// learned linear and cubic components, plain (θ̂) and jackknife bias-corrected, with their errors
// and the process CPU time. Run from the repository root (single-file source launch):
//   java -cp "grokphase-app/target/grokphase.jar" bench/DataAwareBias.java SIGMA2 DATASETS K1,K2,...
import dev.grokphase.observe.CubicProjections;
import dev.grokphase.theory.ak.AkSettings;
import dev.grokphase.theory.ak.AkSolution;
import dev.grokphase.theory.ak.CubicDataTheory;
import dev.grokphase.theory.ak.SamplerSettings;
import dev.grokphase.task.Dataset;

import java.lang.management.ManagementFactory;

public class DataAwareBias {
    public static void main(String[] args) {
        double s2 = Double.parseDouble(args[0]);
        int datasets = Integer.parseInt(args[1]);
        CubicDataTheory.Point pt = new CubicDataTheory.Point(375, 3000, 88, 53, s2, 0.5, 0.0323, -0.3);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (String kk : args[2].split(",")) {
            int k = Integer.parseInt(kk);
            AkSettings st = AkSettings.defaults(0).withSampler(new SamplerSettings(32, 8, 200, k, 4, 8, 0));
            long cpu0 = os.getProcessCpuTime();
            long w0 = System.nanoTime();
            CubicDataTheory.Result r = CubicDataTheory.solve(pt, 0, datasets, st);
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - w0) / 1e9;
            for (int j = 0; j < datasets; j++) {
                AkSolution sol = r.solutions().get(j);
                Dataset ds = r.datasets().get(j);
                double[] ws = ds.teacherDirection();
                AkSolution.Observable lin = (ftr, fte, w) -> CubicProjections.of(fte, ds.xTest(), ds.nTest(), ws).linear();
                AkSolution.Observable cub = (ftr, fte, w) -> CubicProjections.of(fte, ds.xTest(), ds.nTest(), ws).cubic() / -0.3;
                AkSolution.Estimate l0 = sol.uncorrectedEstimate(lin);
                AkSolution.Estimate l1 = sol.estimate(lin);
                AkSolution.Estimate c0 = sol.uncorrectedEstimate(cub);
                AkSolution.Estimate c1 = sol.estimate(cub);
                System.out.printf("s2 %.3f M %6d ds %d lin raw %.4f corr %.4f ± %.4f  cub raw %.4f corr %.4f ± %.4f conv %s passes %d%n",
                        s2, 32 * k, j, l0.value(), l1.value(), l1.error(), c0.value(), c1.value(), c1.error(), sol.converged(), sol.passes());
            }
            System.out.printf("s2 %.3f M %6d total: lin %.4f ± %.4f cub %.4f ± %.4f  cpu %.1f s wall %.1f s load %.1f%n", s2, 32 * k,
                    r.learnedLinear().value(), r.learnedLinear().error(), r.learnedCubic().value(), r.learnedCubic().error(),
                    cpu, wall, os.getSystemLoadAverage());
        }
    }
}
