/**
 * JMH benchmarks of the theory solvers and the training loop. Each benchmark class ends with a
 * comment giving the exact command that docs/benchmarks.md quotes.
 */
package dev.grokphase.bench;
