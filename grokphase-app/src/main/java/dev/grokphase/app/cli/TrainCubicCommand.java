package dev.grokphase.app.cli;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import picocli.CommandLine.Command;

/** {@code grokphase train cubic}: not built yet (tracked by its issue). */
@Command(name = "cubic", mixinStandardHelpOptions = true, description = "Not available yet in this build.")
public final class TrainCubicCommand implements Runnable {
    @Override
    public void run() {
        throw new GrokphaseException(ErrorCode.INVALID_VALUE, "'grokphase train cubic' is not available in this build yet");
    }
}
