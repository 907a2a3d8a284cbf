package dev.grokphase.experiment;

/**
 * Named seeds of an ensemble, derived from one root seed: one data seed per dataset, and an init
 * and a noise seed per network, so networks that share a dataset differ only in initialisation
 * and noise (paper-notes §6.1). Derivation: SplitMix64 finalisers over (root, name, index), so the
 * seeds are reproducible from the root alone and recorded in the manifest.
 */
public final class Seeds {

    private Seeds() {
    }

    public static long data(long root, int dataset) {
        return derive(root, 0x64617461L, dataset); // "data"
    }

    public static long init(long root, int network) {
        return derive(root, 0x696e6974L, network); // "init"
    }

    public static long noise(long root, int network) {
        return derive(root, 0x6e6f6973L, network); // "nois"
    }

    static long derive(long root, long name, long index) {
        long z = mix(root + 0x9e3779b97f4a7c15L * (name + 1));
        return mix(z ^ mix(index + 0x632be59bd9b4e019L)) & Long.MAX_VALUE;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
