package dev.grokphase.theory.modular;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RootScanTest {

    @Test
    void findsEveryRootOfANonMonotoneFunction() {
        double[] roots = new RootScan(1000).roots(a -> (a - 0.2) * (a - 0.50003) * (a - 0.8));
        assertThat(roots).hasSize(3);
        assertThat(roots[0]).isCloseTo(0.2, within(1e-14));
        assertThat(roots[1]).isCloseTo(0.50003, within(1e-14));
        assertThat(roots[2]).isCloseTo(0.8, within(1e-14));
    }

    @Test
    void aRootOnAGridPointIsReportedOnce() {
        double[] roots = new RootScan(10).roots(a -> a - 0.5);
        assertThat(roots).containsExactly(0.5);
    }

    @Test
    void noSignChangeMeansNoRoot() {
        assertThat(new RootScan(64).roots(a -> 1 + a * a)).isEmpty();
    }
}
