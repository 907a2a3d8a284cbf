package dev.grokphase.train;

/**
 * Per-sample loss ℓ(f, y) of one input (K outputs).
 * MSE: ℓ = ½ Σ_p (f_p − y_p)², so that Σ_μ ℓ_μ / σ² is the data term of the posterior of notes
 * §2.2 exactly. CROSS_ENTROPY: ℓ = −Σ_p y_p log softmax(f)_p (targets should be one-hot).
 * Optimisers minimise the batch mean of ℓ; Langevin samples exp(−Σ_μ ℓ_μ/σ² − prior).
 */
public enum Loss {
    MSE,
    CROSS_ENTROPY;

    public String cliName() {
        return this == MSE ? "mse" : "cross-entropy";
    }
}
