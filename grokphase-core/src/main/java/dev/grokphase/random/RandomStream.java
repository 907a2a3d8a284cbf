package dev.grokphase.random;

/**
 * xoshiro256** (Blackman and Vigna 2018) with explicit state. The four state words are the whole
 * state: {@link #state()} and {@link #setState(long[])} give bit-identical resume. Gaussian
 * samples come in pairs from the Marsaglia polar method and no spare value is cached, so the
 * words above really are everything.
 */
public final class RandomStream {

    private long s0;
    private long s1;
    private long s2;
    private long s3;

    private RandomStream(long s0, long s1, long s2, long s3) {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
    }

    /** Seeds the four words from SplitMix64, as the xoshiro authors recommend (never all zero). */
    public static RandomStream fromSeed(long seed) {
        SplitMix64 sm = new SplitMix64(seed);
        return new RandomStream(sm.nextLong(), sm.nextLong(), sm.nextLong(), sm.nextLong());
    }

    /** Re-seeds this stream in place: afterwards it draws exactly what {@code fromSeed(seed)} would. */
    public void reseed(long seed) {
        long z = seed;
        z += 0x9E3779B97F4A7C15L;
        s0 = SplitMix64.mix(z);
        z += 0x9E3779B97F4A7C15L;
        s1 = SplitMix64.mix(z);
        z += 0x9E3779B97F4A7C15L;
        s2 = SplitMix64.mix(z);
        z += 0x9E3779B97F4A7C15L;
        s3 = SplitMix64.mix(z);
    }

    public static RandomStream fromState(long[] state) {
        RandomStream r = new RandomStream(0, 0, 0, 0);
        r.setState(state);
        return r;
    }

    public long[] state() {
        return new long[] {s0, s1, s2, s3};
    }

    /** Copies the state into {@code out[offset..offset+3]}. */
    public void state(long[] out, int offset) {
        out[offset] = s0;
        out[offset + 1] = s1;
        out[offset + 2] = s2;
        out[offset + 3] = s3;
    }

    public void setState(long[] state) {
        setState(state, 0);
    }

    public void setState(long[] state, int offset) {
        if ((state[offset] | state[offset + 1] | state[offset + 2] | state[offset + 3]) == 0) {
            throw new IllegalArgumentException("xoshiro256** state must not be all zero");
        }
        s0 = state[offset];
        s1 = state[offset + 1];
        s2 = state[offset + 2];
        s3 = state[offset + 3];
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform on [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound), unbiased (Lemire's multiply-and-reject). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** One standard normal (draws a polar pair and discards the second; use fill for bulk). */
    public double nextGaussian() {
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Fills {@code out[off..off+len)} with independent N(0, scale²) samples, two per polar draw. */
    public void fillGaussian(double[] out, int off, int len, double scale) {
        int end = off + len;
        int i = off;
        while (i < end) {
            double u;
            double v;
            double s;
            do {
                u = 2 * nextDouble() - 1;
                v = 2 * nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double m = scale * Math.sqrt(-2 * Math.log(s) / s);
            out[i++] = u * m;
            if (i < end) {
                out[i++] = v * m;
            }
        }
    }

    /** Float version of {@link #fillGaussian(double[], int, int, double)}: same draws, rounded. */
    public void fillGaussian(float[] out, int off, int len, double scale) {
        int end = off + len;
        int i = off;
        while (i < end) {
            double u;
            double v;
            double s;
            do {
                u = 2 * nextDouble() - 1;
                v = 2 * nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double m = scale * Math.sqrt(-2 * Math.log(s) / s);
            out[i++] = (float) (u * m);
            if (i < end) {
                out[i++] = (float) (v * m);
            }
        }
    }

    /** A uniformly random permutation of {@code perm} in place (Fisher-Yates). */
    public void shuffle(int[] perm) {
        for (int i = perm.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
    }
}
