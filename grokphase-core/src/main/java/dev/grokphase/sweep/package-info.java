/**
 * Experiment specs and sweeps (the run layer's ensemble loop is the separate package {@code experiment}): one YAML spec per paper figure (notes §6–§7 catalogue) naming its
 * theory computations and training runs at three scales ({@code quick}, {@code default},
 * {@code full}, the last with the paper's sizes of notes §6.1–§6.2); grid expansion into
 * {@link dev.grokphase.sweep.RunDescription}s keyed by a stable hash of their full config;
 * a {@link dev.grokphase.sweep.SweepExecutor} interface (local thread pool here, Spark in
 * its own module) whose unit of work is one serialisable run description; skip-completed and
 * resume-interrupted semantics read from each run's {@code manifest.json}; and a summary CSV per
 * sweep.
 */
package dev.grokphase.sweep;
