package dev.grokphase.sampling;

import dev.grokphase.random.RandomStream;

/**
 * One MALA chain on a {@link Target} at inverse temperature β, with a constant diagonal
 * preconditioner p_i (step η_i = c·p_i, c from its {@link StepAdapter}). Each step makes one
 * proposal and one energy-and-gradient evaluation (the gradient at the accepted state is kept for
 * the next proposal). Draws per step: dim Gaussians, then one uniform.
 */
public final class MalaChain {

    private final Target target;
    private final double[] precondition;
    private final double beta;
    private final RandomStream rng;
    private final StepAdapter adapter;
    private final int dim;
    private double[] theta;
    private double[] grad;
    private double energy;
    private double[] prop;
    private double[] gradProp;
    private final double[] noise;
    private long attempts;
    private long accepted;

    public MalaChain(Target target, double[] start, double[] precondition, double beta, StepAdapter adapter,
                     RandomStream rng) {
        this.target = target;
        this.dim = target.dimension();
        if (start.length != dim || precondition.length != dim) {
            throw new IllegalArgumentException("start and preconditioner need dimension " + dim);
        }
        this.precondition = precondition.clone();
        this.beta = beta;
        this.adapter = adapter;
        this.rng = rng;
        this.theta = start.clone();
        this.grad = new double[dim];
        this.energy = target.energyAndGradient(theta, grad);
        this.prop = new double[dim];
        this.gradProp = new double[dim];
        this.noise = new double[dim];
    }

    /** One proposal, accepted or rejected; returns whether it was accepted. */
    public boolean step() {
        double c = adapter.scale();
        rng.fillGaussian(noise, 0, dim, 1.0);
        for (int i = 0; i < dim; i++) {
            double eta = c * precondition[i];
            prop[i] = theta[i] - eta * beta * grad[i] + Math.sqrt(2 * eta) * noise[i];
        }
        double energyProp = target.energyAndGradient(prop, gradProp);
        double ratio = 0;
        for (int i = 0; i < dim; i++) {
            // one group per coordinate: each has its own η
            ratio += MalaCorrection.proposalLogRatio(theta, prop, grad, gradProp, i, 1, c * precondition[i], beta);
        }
        double logAlpha = MalaCorrection.logAcceptance(energy, energyProp, beta, ratio);
        boolean sampling = !adapter.adapting();
        adapter.observe(MalaCorrection.probability(logAlpha));
        boolean accept = MalaCorrection.accept(logAlpha, rng.nextDouble());
        if (sampling) {
            attempts++;
        }
        if (accept) {
            double[] t = theta;
            theta = prop;
            prop = t;
            t = grad;
            grad = gradProp;
            gradProp = t;
            energy = energyProp;
            if (sampling) {
                accepted++;
            }
        }
        return accept;
    }

    /** The current state (a live view; copy it to keep it). */
    public double[] theta() {
        return theta;
    }

    /** U at the current state (untempered). */
    public double energy() {
        return energy;
    }

    public double beta() {
        return beta;
    }

    public StepAdapter adapter() {
        return adapter;
    }

    /** Acceptance rate after adaptation ended; NaN before. */
    public double acceptance() {
        return attempts == 0 ? Double.NaN : (double) accepted / attempts;
    }

    /** Exchanges the states (θ, ∇U, U) of two chains on the same target; temperatures, steps and streams stay. */
    void exchangeState(MalaChain other) {
        double[] t = theta;
        theta = other.theta;
        other.theta = t;
        t = grad;
        grad = other.grad;
        other.grad = t;
        double e = energy;
        energy = other.energy;
        other.energy = e;
    }
}
