package dev.grokphase.experiment;

/** Receives the progress of a run: called from the loop's thread after every chunk of steps. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (step, total, status) -> {
    };

    /**
     * @param step   steps done (of every network)
     * @param total  steps of the run
     * @param status a short text with the latest logged metrics, e.g. "testLoss=0.12"
     */
    void progress(long step, long total, String status);
}
