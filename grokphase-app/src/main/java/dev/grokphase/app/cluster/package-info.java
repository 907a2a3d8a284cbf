/**
 * Running a sweep beyond this machine, without the app depending on any cluster library:
 * {@link dev.grokphase.app.cluster.SparkLaunch} finds the Spark executor on the class path (when the
 * tool runs under spark-submit) or re-launches the same sweep through spark-submit, and
 * {@link dev.grokphase.app.cluster.SlurmExport} writes a SLURM job array with one run per task.
 * Both keep the run directories of the local executor (DESIGN.md, "sweep = many points").
 */
package dev.grokphase.app.cluster;
