package dev.grokphase.theory.cubic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CubicTeacherGpTest {

    /** Finite-sample GP vs the EK closed form for the linear channel (d = 8, n = 1200, seed 7; EK is exact up to O(1/d, d/n)). */
    @Test
    void linearChannelMatchesTheContinuumForm() {
        CubicParams p = new CubicParams(1200, 700, 8, 0.5, 0.05, 0.5, -0.3);
        CubicTeacherGp gp = new CubicTeacherGp(8, 1200, 4000, 0.5, 0.05, -0.3, 7);
        double[] l = gp.learned(1200, 0.5);
        assertThat(l[0]).isCloseTo(CubicTeacherGp.ekLearnedLinear(p), within(0.08));
    }

    /** The GP learns the linear part long before the cubic part (n ∝ d vs n ∝ d³, notes §4.10). */
    @Test
    void cubicNeedsFarMoreDataThanLinear() {
        CubicTeacherGp gp = new CubicTeacherGp(8, 1200, 3000, 0.5, 0.05, -0.3, 11);
        double[] small = gp.learned(160, 0.05);
        assertThat(small[0]).isGreaterThan(0.5);
        assertThat(small[1]).isLessThan(0.2);
        double[] large = gp.learned(1200, 0.05);
        assertThat(large[1]).isGreaterThan(small[1]);
        // EK half-cubic sample size grows as d³.
        CubicParams p8 = new CubicParams(1200, 700, 8, 0.05, 0.05, 0.5, -0.3);
        CubicParams p16 = new CubicParams(1200, 700, 16, 0.05, 0.05, 0.5, -0.3);
        assertThat(CubicTeacherGp.ekHalfCubicN(p16) / CubicTeacherGp.ekHalfCubicN(p8)).isCloseTo(8.0, within(1e-12));
    }

    /** Huge noise: nothing is learned; same seed, same numbers. */
    @Test
    void hugeNoiseLearnsNothingAndSeedsReproduce() {
        CubicTeacherGp gp = new CubicTeacherGp(5, 200, 500, 0.5, 0.05, -0.3, 3);
        double[] l = gp.learned(200, 1e9);
        assertThat(Math.abs(l[0])).isLessThan(1e-6);
        double[] a = new CubicTeacherGp(5, 200, 500, 0.5, 0.05, -0.3, 3).learned(150, 0.1);
        double[] b = new CubicTeacherGp(5, 200, 500, 0.5, 0.05, -0.3, 3).learned(150, 0.1);
        assertThat(a).containsExactly(b);
    }

    /** The EK forms are the GP (u → 0) limit of the thermodynamic solver. */
    @Test
    void ekLinearIsTheThermodynamicGpLimit() {
        CubicParams p = new CubicParams(3000, 7e12, 150, 0.2, 8.0 / 700, 0.5, -0.3);
        assertThat(new ThermodynamicSolver().solve(p).selected().learnedLinear())
                .isCloseTo(CubicTeacherGp.ekLearnedLinear(p), within(1e-6));
    }
}
