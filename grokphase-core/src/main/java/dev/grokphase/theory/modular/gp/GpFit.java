package dev.grokphase.theory.modular.gp;

/**
 * How well the NNGP posterior mean fits modular addition, over all P output channels.
 *
 * @param trainSize      number of table entries trained on
 * @param testSize       number of held-out entries (0 for the full table)
 * @param trainRelRmse   √(Σ(f − y)²/Σy²) on the training entries (= 1 − learned fraction on the full table)
 * @param testRelRmse    the same on the held-out entries; NaN without any
 * @param trainAccuracy  fraction of training entries whose argmax_p f_p is (n + m) mod P
 * @param testAccuracy   the same on the held-out entries; NaN without any
 */
public record GpFit(int trainSize, int testSize, double trainRelRmse, double testRelRmse, double trainAccuracy,
                    double testAccuracy) {
}
