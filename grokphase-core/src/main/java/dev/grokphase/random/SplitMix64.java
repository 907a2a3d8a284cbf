package dev.grokphase.random;

/**
 * SplitMix64 (Steele, Lea and Flood 2014): a 64-bit counter passed through an invertible mixing
 * function. Used to expand one seed into the four words of xoshiro256** and to hash names into
 * seeds; never used for bulk sampling.
 */
public final class SplitMix64 {

    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** The SplitMix64 output function (a bijection of 64-bit words). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
