package dev.grokphase.app.cli;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import picocli.CommandLine.Command;

/** {@code grokphase report}: not built yet (tracked by its issue). */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Not available yet in this build.")
public final class ReportCommand implements Runnable {
    @Override
    public void run() {
        throw new GrokphaseException(ErrorCode.INVALID_VALUE, "'grokphase report' is not available in this build yet");
    }
}
