package dev.grokphase.theory.cubic;

import java.util.List;

/**
 * Every self-consistent solution found at one parameter point, with the one the solver returns.
 *
 * @param params   the point
 * @param limit    which solver: thermodynamic (d → ∞) or finite (the point's d)
 * @param branches all solutions found (at least one); exactly one has {@code equilibrium == true}
 */
public record CubicResult(CubicParams params, Limit limit, List<CubicSolution> branches) {

    /** Which theory: the d → ∞ limit at fixed (u, r) (recipe B) or the finite-d fixed point (recipe A). */
    public enum Limit { thermodynamic, finite }

    public CubicResult {
        branches = List.copyOf(branches);
        if (branches.stream().filter(CubicSolution::equilibrium).count() != 1) {
            throw new IllegalStateException("exactly one branch must be selected, got " + branches);
        }
    }

    /** The returned solution (see the solvers for the selection rule). */
    public CubicSolution selected() {
        return branches.stream().filter(CubicSolution::equilibrium).findFirst().orElseThrow();
    }

    public double u() {
        return params.u();
    }

    public double r() {
        return params.r();
    }
}
