/**
 * The two-layer network of the paper, f_p(x) = s·Σ_i a_{p,i} φ(w_i·x) without biases (notes §4.1
 * for φ = erf, §5.1 for φ(z) = z²), its activations and readout parametrisations, and its prior
 * (notes §2.1–2.2). Parameter layout (training contract): w is N×D row-major (row i = neuron i),
 * a is K×N row-major (a[p·N + i]).
 */
package dev.grokphase.net;
