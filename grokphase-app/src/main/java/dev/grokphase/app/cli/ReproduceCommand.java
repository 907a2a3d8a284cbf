package dev.grokphase.app.cli;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import picocli.CommandLine.Command;

/** {@code grokphase reproduce}: not built yet (tracked by its issue). */
@Command(name = "reproduce", mixinStandardHelpOptions = true, description = "Not available yet in this build.")
public final class ReproduceCommand implements Runnable {
    @Override
    public void run() {
        throw new GrokphaseException(ErrorCode.INVALID_VALUE, "'grokphase reproduce' is not available in this build yet");
    }
}
