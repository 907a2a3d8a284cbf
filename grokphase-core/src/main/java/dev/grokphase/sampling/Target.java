package dev.grokphase.sampling;

/** A density exp(−U(θ)) on R^dim, given by its energy U and gradient ∇U. */
public interface Target {

    int dimension();

    /** Writes ∇U(θ) into {@code gradient} and returns U(θ). Must not keep {@code theta}. */
    double energyAndGradient(double[] theta, double[] gradient);
}
