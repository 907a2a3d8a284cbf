/**
 * Special functions for hot loops: a fast, branch-light error function and its derivative
 * (2/√π)e^{-z²}, evaluated together because the Langevin gradient of an erf network needs both
 * (notes §2.2 with φ = erf, §4.1). Accuracy is tested against a high-precision reference.
 */
package dev.grokphase.special;
