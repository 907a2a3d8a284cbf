/**
 * The sweep executor on Apache Spark (DESIGN.md data flow, "sweep = many points -> executor
 * (local threads | Spark) -> same run store"): one Spark task per planned run, each run directory
 * committed atomically into {@code ROOT/runs/KEY} on any Hadoop file system
 * ({@link dev.grokphase.spark.HadoopRunStore}), progress from Spark's listener
 * ({@link dev.grokphase.spark.SweepProgressListener}). No equation of the paper lives here; the
 * runs it executes are the theory and training runs of the sweep specs (paper-notes §6–§7).
 */
package dev.grokphase.spark;
