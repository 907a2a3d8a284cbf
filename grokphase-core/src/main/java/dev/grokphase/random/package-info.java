/**
 * Seeded, checkpointable random streams (DESIGN.md "Conventions": every stream is seeded and
 * named). {@link dev.grokphase.random.SeedTree} derives named child seeds from one root seed with
 * SplitMix64; {@link dev.grokphase.random.RandomStream} is xoshiro256** with its four-word state
 * exposed, so a trainer can save and restore it for bit-identical resume (issue 4), plus a
 * Gaussian sampler that keeps no hidden cache.
 */
package dev.grokphase.random;
