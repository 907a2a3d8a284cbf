package dev.grokphase.bench;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;

/**
 * Paired before/after timing of {@link LangevinStepBenchmark}'s step from several benchmark jars
 * (e.g. two commits) in one JVM, for a shared, loaded machine: each jar's dev.grokphase classes are
 * loaded child-first into a class loader of their own (the libraries, OpenBLAS included, are
 * shared), and the jars take turns, {@code steps} steps at a time, for {@code rounds} rounds (the
 * order reversed every round). Load drifts over minutes but hits both sides of one round alike,
 * so the per-round ratio of CPU times (calling thread, as JMH's cpuNanos) to the first jar is
 * steady where two separate JMH runs differ by 10 %.
 *
 * <pre>
 * java -XX:LoopUnrollLimit=250 -cp grokphase-bench/target/benchmarks.jar dev.grokphase.bench.PairedStepTiming \
 *     SIZE PRECISION THREADS ROUNDS STEPS old.jar new.jar ...
 * </pre>
 * Prints per jar the median (and minimum) CPU milliseconds per step of the calling thread, the
 * median process CPU and wall milliseconds per step, and the median and quartiles over rounds of
 * the ratio to the first jar. {@code bench/paired-step.sh} builds the jar of another commit and
 * runs this.
 */
public final class PairedStepTiming {

    private PairedStepTiming() {
    }

    /** Loads dev.grokphase.* from its own jar first, everything else from the parent. */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL jar, ClassLoader parent) {
            super(new URL[] {jar}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dev.grokphase.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            URL u = findResource(name);
            return u != null ? u : super.getResource(name);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: PairedStepTiming SIZE PRECISION THREADS ROUNDS STEPS JAR [JAR...]");
            System.exit(2);
        }
        String size = args[0];
        String precision = args[1];
        int threads = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int steps = Integer.parseInt(args[4]);
        int jars = args.length - 5;
        ClassLoader shared = new URLClassLoader(new URL[] {new File(args[5]).toURI().toURL()},
                ClassLoader.getPlatformClassLoader());
        Object[] bench = new Object[jars];
        Method[] step = new Method[jars];
        Object[] counters = new Object[jars];
        Field[] cpu = new Field[jars];
        Field[] process = new Field[jars];
        for (int j = 0; j < jars; j++) {
            ClassLoader cl = new ChildFirst(new File(args[5 + j]).toURI().toURL(), shared);
            Class<?> b = cl.loadClass(LangevinStepBenchmark.class.getName());
            Class<?> c = cl.loadClass(LangevinStepBenchmark.CpuTime.class.getName());
            Object o = b.getConstructor().newInstance();
            b.getField("size").set(o, size);
            b.getField("precision").set(o, precision);
            b.getField("threads").set(o, threads);
            b.getField("members").set(o, 1);
            b.getMethod("setUp").invoke(o);
            bench[j] = o;
            step[j] = b.getMethod("step", c);
            counters[j] = c.getConstructor().newInstance();
            cpu[j] = c.getField("cpuNanos");
            process[j] = c.getField("processCpuNanos");
        }
        double[][] thread = new double[jars][rounds];
        double[][] proc = new double[jars][rounds];
        double[][] wall = new double[jars][rounds];
        for (int r = -3; r < rounds; r++) { // three warm-up rounds
            for (int jj = 0; jj < jars; jj++) {
                int j = (r & 1) == 0 ? jj : jars - 1 - jj;
                long c0 = cpu[j].getLong(counters[j]);
                long p0 = process[j].getLong(counters[j]);
                long w0 = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    step[j].invoke(bench[j], counters[j]);
                }
                if (r >= 0) {
                    thread[j][r] = (cpu[j].getLong(counters[j]) - c0) / 1e6 / steps;
                    proc[j][r] = (process[j].getLong(counters[j]) - p0) / 1e6 / steps;
                    wall[j][r] = (System.nanoTime() - w0) / 1e6 / steps;
                }
            }
        }
        System.out.printf("# %s %s threads=%d, %d rounds x %d steps, load %s%n", size, precision, threads, rounds,
                steps, String.join(" ", Arrays.copyOf(
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" "), 3)));
        for (int j = 0; j < jars; j++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = thread[j][r] / thread[0][r];
            }
            double[] t = sorted(thread[j]);
            double[] q = sorted(ratio);
            System.out.printf("%-28s thread CPU ms/step %.3f (min %.3f)  process %.3f  wall %.3f  ratio %.3f [%.3f, %.3f]%n",
                    new File(args[5 + j]).getName(), t[rounds / 2], t[0], sorted(proc[j])[rounds / 2],
                    sorted(wall[j])[rounds / 2], q[rounds / 2], q[rounds / 4], q[(3 * rounds) / 4]);
        }
    }

    private static double[] sorted(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s;
    }
}
