package dev.grokphase.app.train;

import dev.grokphase.app.cli.TrainCubicCommand;
import dev.grokphase.app.cli.TrainModularCommand;
import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.experiment.Experiment;

import java.util.List;

/** Builds the ensemble's networks with the training engine (datasets, networks, trainers). */
public final class EngineNetworks {

    private EngineNetworks() {
    }

    public static List<Experiment.Network> cubic(TrainCubicCommand c, long root, int datasets, int seeds, int threads) {
        throw new GrokphaseException(ErrorCode.INVALID_VALUE, "training engine not merged yet");
    }

    public static List<Experiment.Network> modular(TrainModularCommand c, long root, int datasets, int seeds, int threads) {
        throw new GrokphaseException(ErrorCode.INVALID_VALUE, "training engine not merged yet");
    }

    public static String blasBackend() {
        return "unknown";
    }
}
