package dev.grokphase.random;

import java.nio.charset.StandardCharsets;

/**
 * A node of a tree of seeds: {@code SeedTree.root(42).child("network-3").stream("init")}.
 * Children and streams are derived from the parent seed and the name alone (a SplitMix64 hash),
 * so the same names always give the same numbers, independent of creation order.
 */
public final class SeedTree {

    private final long seed;

    private SeedTree(long seed) {
        this.seed = seed;
    }

    public static SeedTree root(long seed) {
        return new SeedTree(seed);
    }

    /** The 64-bit seed of this node, as recorded in a manifest. */
    public long seed() {
        return seed;
    }

    /** A named sub-tree, e.g. one per network or per dataset. */
    public SeedTree child(String name) {
        return new SeedTree(derive(seed, name));
    }

    /** A named sub-tree indexed by an integer ("network", 3) = child("network-3"). */
    public SeedTree child(String name, long index) {
        return child(name + "-" + index);
    }

    /** The seed a stream of that name would be started from. */
    public long streamSeed(String name) {
        return derive(seed, "stream:" + name);
    }

    /** A fresh random stream with this node's seed and the given name. */
    public RandomStream stream(String name) {
        return RandomStream.fromSeed(streamSeed(name));
    }

    /** Hash (parent seed, UTF-8 name) with SplitMix64 steps; distinct names give unrelated seeds. */
    static long derive(long parent, String name) {
        long h = SplitMix64.mix(parent ^ 0x6A09E667F3BCC909L);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = SplitMix64.mix(h + (b & 0xFF) + 0x9E3779B97F4A7C15L);
        }
        return SplitMix64.mix(h + name.length());
    }

    @Override
    public String toString() {
        return "SeedTree(" + seed + ")";
    }
}
