package dev.grokphase.train;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;

/** A run produced a non-finite number; the message names the step, the network and the quantity. */
public final class DivergenceException extends GrokphaseException {

    private final long step;
    private final int network;
    private final String quantity;

    public DivergenceException(long step, int network, String quantity, double value) {
        super(ErrorCode.DIVERGED, String.format(java.util.Locale.ROOT,
                "diverged at step %d: %s of network %d is %s", step, quantity, network, value));
        this.step = step;
        this.network = network;
        this.quantity = quantity;
    }

    public long step() {
        return step;
    }

    public int network() {
        return network;
    }

    public String quantity() {
        return quantity;
    }
}
