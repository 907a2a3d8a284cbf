/**
 * The run directory, the unit of storage of a training run (DESIGN.md "Data flow"; the training
 * contract's "Run directory" section): {@code manifest.json} (written before step 0, updated at the
 * end), {@code metrics.csv} (appended and flushed at every log point), {@code summary.json},
 * {@code observables/} and {@code checkpoint/}. Whole files are written atomically through
 * {@link dev.grokphase.io.AtomicFiles}; checkpoints carry a length and a CRC-32 so that a truncated
 * or damaged one is refused rather than resumed from.
 */
package dev.grokphase.store;
