package dev.grokphase.experiment;

import dev.grokphase.store.RunDirectory;

import java.util.List;
import java.util.Map;

/** What a task logs per network and writes at the end; see {@link CubicMetrics}, {@link ModularMetrics}. */
public interface TaskMetrics {

    /** "cubic" or "modular". */
    String task();

    /** Metric columns of metrics.csv, after step,network,dataset,seed. */
    List<String> names();

    /** The values of {@link #names()} for one network now. */
    double[] compute(Experiment.Network network);

    /** summary.json key → metrics.csv column whose final ensemble mean it reports. */
    Map<String, String> summaryKeys();

    /** Columns whose ensemble-mean series get equilibration diagnostics. */
    List<String> equilibrationColumns();

    /** Writes the task's end-of-run files under observables/. */
    void writeObservables(RunDirectory dir, List<Experiment.Network> networks);
}
