package dev.grokphase.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a sweep on a fixed thread pool of this machine. Runs are independent (each has its own
 * seeds and directory), so the order in which threads finish does not change any result.
 */
public final class LocalSweepExecutor implements SweepExecutor {

    private final int threads;
    private final RunHandlers handlers;

    public LocalSweepExecutor(int threads, RunHandlers handlers) {
        this.threads = dev.grokphase.param.Require.positive("--threads", threads);
        this.handlers = handlers;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public List<RunResult> execute(List<PlannedRun> runs, Path root, SweepListener listener) {
        listener.planned(runs.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "grokphase-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            // Each of the runs at once gets its share of the machine's cores.
            int cores = Math.max(1, Cores.available() / Math.min(threads, Math.max(1, runs.size())));
            List<Future<RunResult>> futures = new ArrayList<>();
            for (PlannedRun run : runs) {
                futures.add(pool.submit(() -> SweepRunner.runOne(run, root, handlers, listener, cores)));
            }
            List<RunResult> out = new ArrayList<>();
            for (Future<RunResult> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("sweep worker failed: " + e.getCause(), e.getCause());
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
