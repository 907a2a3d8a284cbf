package dev.grokphase.train;

/**
 * The tasks of an element-wise update on the engine's {@link Workers}: every trained layer of every
 * stacked network (w: N·D entries per network, a: K·N) cut into chunks of {@link #CHUNK} entries,
 * task t being chunk {@link #chunk(int)} of layer {@link #isW(int) w or a} of network
 * {@link #member(int)}, in that order (network, then w before a, then chunk). The cut depends on
 * the sizes only, so per-task results (noise streams, partial sums) do not depend on the thread
 * count.
 */
final class LayerChunks {

    /** Entries per chunk (also the unit of the chunked Langevin noise, {@link LangevinRule}). */
    static final int CHUNK = 4096;

    private final int wBlock;
    private final int aBlock;
    private final int[] member;
    private final boolean[] isW;
    private final int[] chunk;

    LayerChunks(Engine<?> e) {
        this.wBlock = e.wBlock();
        this.aBlock = e.aBlock();
        int chunksW = e.trainW ? chunks(wBlock) : 0;
        int chunksA = e.trainA ? chunks(aBlock) : 0;
        int tasks = e.members() * (chunksW + chunksA);
        this.member = new int[tasks];
        this.isW = new boolean[tasks];
        this.chunk = new int[tasks];
        int t = 0;
        for (int m = 0; m < e.members(); m++) {
            for (int c = 0; c < chunksW; c++, t++) {
                member[t] = m;
                isW[t] = true;
                chunk[t] = c;
            }
            for (int c = 0; c < chunksA; c++, t++) {
                member[t] = m;
                chunk[t] = c;
            }
        }
    }

    static int chunks(int length) {
        return (length + CHUNK - 1) / CHUNK;
    }

    int tasks() {
        return member.length;
    }

    int member(int t) {
        return member[t];
    }

    /** True for a chunk of w, false for a chunk of a. */
    boolean isW(int t) {
        return isW[t];
    }

    /** Index of the chunk within its layer. */
    int chunk(int t) {
        return chunk[t];
    }

    /** First entry of task t in the stacked array of its layer. */
    int offset(int t) {
        int block = isW[t] ? wBlock : aBlock;
        return member[t] * block + chunk[t] * CHUNK;
    }

    int length(int t) {
        int block = isW[t] ? wBlock : aBlock;
        return Math.min(CHUNK, block - chunk[t] * CHUNK);
    }
}
