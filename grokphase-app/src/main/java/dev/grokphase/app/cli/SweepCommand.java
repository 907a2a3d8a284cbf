package dev.grokphase.app.cli;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import picocli.CommandLine.Command;

/** {@code grokphase sweep}: not built yet (tracked by its issue). */
@Command(name = "sweep", mixinStandardHelpOptions = true, description = "Not available yet in this build.")
public final class SweepCommand implements Runnable {
    @Override
    public void run() {
        throw new GrokphaseException(ErrorCode.INVALID_VALUE, "'grokphase sweep' is not available in this build yet");
    }
}
