/**
 * Training tasks as {@link dev.grokphase.task.Dataset}s: the cubic-Hermite teacher with Gaussian
 * inputs (notes §4.1, §6.1) and modular addition with two-hot inputs (notes §5.1). Every random
 * choice comes from a named seed stream, so a dataset is a function of its seeds.
 */
package dev.grokphase.task;
