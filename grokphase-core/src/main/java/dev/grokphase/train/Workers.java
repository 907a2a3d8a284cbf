package dev.grokphase.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of one trainer for the parts of a step that BLAS does not do (element-wise passes,
 * noise, updates, Γ): {@link #run(int, Task)} hands out task indices 0..count−1 to the calling
 * thread and {@code threads − 1} helper threads, and returns when all are done. Which thread runs
 * which task varies; results must therefore depend on the task index only (partial sums per task,
 * combined in task order by the caller), which makes every step independent of the thread count.
 *
 * <p>Allocation-free per call. Helpers are daemon threads that spin briefly and then park between
 * calls; {@link #close()} stops them (the engine registers it with a {@link java.lang.ref.Cleaner},
 * so an unreachable trainer does not leak threads).
 */
final class Workers implements AutoCloseable {

    /** One task of a parallel loop: {@code worker} in [0, threads) selects per-thread scratch. */
    @FunctionalInterface
    interface Task {
        void run(int index, int worker);
    }

    /** A single-threaded instance (runs every task on the caller). */
    static final Workers SERIAL = new Workers(1);

    /** Spin iterations before a waiting thread parks (a few tens of microseconds). */
    private static final int SPIN = 20_000;

    private final int threads;
    private final Thread[] helpers;
    /** (call number << 32) | next task index: a late helper cannot take a task of another call. */
    private final AtomicLong ticket = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private volatile Task task;
    private volatile int count;
    private volatile long generation;
    private volatile boolean closed;
    private volatile Throwable failure;

    Workers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        this.threads = threads;
        this.helpers = new Thread[threads - 1];
        for (int h = 0; h < helpers.length; h++) {
            int worker = h + 1;
            Thread t = new Thread(() -> helperLoop(worker), "grokphase-step-" + worker);
            t.setDaemon(true);
            helpers[h] = t;
            t.start();
        }
    }

    int threads() {
        return threads;
    }

    /** Runs task(i, worker) for i in [0, count) on all threads; returns when every task is done. */
    void run(int count, Task task) {
        if (helpers.length == 0 || count <= 1) {
            for (int i = 0; i < count; i++) {
                task.run(i, 0);
            }
            return;
        }
        this.task = task;
        this.count = count;
        done.set(0);
        long call = generation + 1;
        ticket.set(call << 32); // after task and count: a helper that takes a ticket sees both
        generation = call;
        for (Thread t : helpers) {
            LockSupport.unpark(t);
        }
        work(0, call);
        int spins = 0;
        while (done.get() < count) {
            if (++spins < SPIN) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        this.task = null;
        Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(f);
        }
    }

    private void work(int worker, long call) {
        while (true) {
            long v = ticket.get();
            if (v >>> 32 != call || (int) v >= count || !ticket.compareAndSet(v, v + 1)) {
                if (v >>> 32 != call || (int) v >= count) {
                    return;
                }
                continue; // another thread took this index
            }
            int i = (int) v;
            Task t = task;
            try {
                t.run(i, worker);
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                }
            } finally {
                done.incrementAndGet();
            }
        }
    }

    private void helperLoop(int worker) {
        long seen = 0;
        while (!closed) {
            int spins = 0;
            while (generation == seen && !closed) {
                if (++spins < SPIN) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = generation;
            if (!closed) {
                work(worker, seen);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : helpers) {
            LockSupport.unpark(t);
        }
    }
}
