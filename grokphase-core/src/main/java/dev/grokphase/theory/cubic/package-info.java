/**
 * Adaptive-kernel theory of model 1: a two-layer erf network learning the single-index teacher
 * y = H₁(w*·x) + ε H₃(w*·x) (paper-notes §4). The reduced one-dimensional action S(q) of the
 * overlap q = w·w* (§4.4) and its Gaussian integral identities (§4.5); the self-consistent
 * discrepancies (b, c) of the linear and cubic channels (§4.6); the thermodynamic-limit solver
 * (recipe B of §4.8: GFL branch, spinodal, first-order point, mixed phase GMFL-I, GMFL-II); the
 * finite-d solver (recipe A: the 2D fixed point with p(q) ∝ exp(−S(q)) on a grid); the β/α scaling of
 * Table 1 (§4.2, §7); and the NNGP baseline on a finite sample (§4.10). docs/theory.md, section
 * "model 1", names the class behind each equation.
 */
package dev.grokphase.theory.cubic;
