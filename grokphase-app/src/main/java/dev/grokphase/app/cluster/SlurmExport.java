package dev.grokphase.app.cluster;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.io.AtomicFiles;
import dev.grokphase.sweep.PlannedRun;
import dev.grokphase.sweep.Scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A sweep as a SLURM job array, for clusters run by an HPC scheduler instead of Spark. Writes into
 * a directory:
 * <ul>
 *   <li>{@code sweep.sbatch}: the array script, tasks {@code 0..N-1}; task {@code i} runs
 *       {@code grokphase sweep SPEC --scale S --out OUT --index i}, i.e. run {@code i} of the
 *       plan (plan order is deterministic: theory computations, then training, grid in key order),
 *       with the local executor's skip/resume semantics, so a resubmitted array redoes nothing;</li>
 *   <li>{@code summary.sbatch}: one job with the same {@code #SBATCH} options that runs the sweep
 *       once every task has ended: it skips the done runs, retries any that failed, and writes
 *       {@code summary.csv};</li>
 *   <li>{@code runs.tsv}: index, run key, the run's full command line (which task made which run
 *       directory, and how to redo one by hand);</li>
 *   <li>{@code submit.sh}: submits the array, then the summary job ({@code afterany}).</li>
 * </ul>
 * Paths in the scripts (spec file, output, jar, logs) are absolute, so they work from any
 * submission directory on a shared file system. The lines of {@code --slurm-setup FILE}
 * ({@code module load}, {@code export JAVA_HOME=...}) go into both job scripts before the command.
 * The tasks start the built jar with {@code java -jar}, not the {@code ./grokphase} launcher, so
 * that hundreds of tasks never race to rebuild a stale tree.
 */
public final class SlurmExport {

    /**
     * Options of the generated jobs.
     *
     * @param cpusPerTask  {@code --cpus-per-task} of each job
     * @param time         {@code --time} of each job (SLURM syntax, e.g. 04:00:00)
     * @param maxParallel  {@code %} throttle of the array (0: no throttle)
     * @param extra        further {@code #SBATCH} lines, as given (e.g. {@code --partition=cpu}), for both jobs
     * @param setup        shell lines run before the command in both jobs (empty: none)
     * @param setupSource  where the set-up lines came from (for a comment in the scripts), or null
     */
    public record Options(int cpusPerTask, String time, int maxParallel, List<String> extra, List<String> setup,
                          String setupSource) {
        public Options {
            extra = List.copyOf(extra);
            setup = List.copyOf(setup);
        }
    }

    private SlurmExport() {
    }

    /** Writes the four files; returns the array script's path. */
    public static Path write(Path dir, String specArg, String specId, Scale scale, Path out, List<PlannedRun> plan,
                             List<String> launcher, Options options) {
        if (plan.isEmpty()) {
            throw GrokphaseException.invalid("SPEC", specArg, "the spec plans no runs at scale " + scale.id());
        }
        Path d = dir.toAbsolutePath().normalize();
        Path o = out.toAbsolutePath().normalize();
        Path logs = d.resolve("logs");
        String name = "grokphase-" + specId + "-" + scale.id();
        List<String> sweep = new ArrayList<>(launcher);
        sweep.addAll(List.of("sweep", specArg, "--scale", scale.id(), "--out", o.toString(),
                "--threads", Integer.toString(options.cpusPerTask())));

        StringBuilder array = header(name, options, logs.resolve("%A_%a.out"));
        array.insert(array.indexOf("\n") + 1, "# grokphase sweep " + specId + " at scale " + scale.id() + ": " + plan.size()
                + " runs, one per array task (index -> run: runs.tsv).\n"
                + "# Written by 'grokphase sweep --emit-slurm'. Submit with submit.sh (array + summary job),\n"
                + "# or alone: sbatch " + Shell.quote(d.resolve("sweep.sbatch").toString()) + "\n");
        array.append("#SBATCH --array=0-").append(plan.size() - 1)
                .append(options.maxParallel() > 0 ? "%" + options.maxParallel() : "").append('\n');
        body(array, options);
        array.append("# One run per task; a run already done is skipped, an interrupted one resumed.\n");
        array.append("exec ").append(Shell.join(sweep)).append(" --index \"$SLURM_ARRAY_TASK_ID\"\n");

        StringBuilder summary = header(name + "-summary", options, logs.resolve("summary-%j.out"));
        summary.insert(summary.indexOf("\n") + 1, "# After the array: the whole sweep once more, which skips the done runs,\n"
                + "# retries here any run whose task failed, and writes summary.csv.\n");
        body(summary, options);
        summary.append("exec ").append(Shell.join(sweep)).append('\n');

        StringBuilder submit = new StringBuilder();
        submit.append("#!/bin/bash\n");
        submit.append("# Submits the array, then the summary job once every task has ended (afterany).\n");
        submit.append("set -euo pipefail\n");
        submit.append("mkdir -p ").append(Shell.quote(logs.toString())).append('\n');
        submit.append("jid=$(sbatch --parsable ").append(Shell.quote(d.resolve("sweep.sbatch").toString())).append(")\n");
        submit.append("sid=$(sbatch --parsable --dependency=afterany:\"${jid%%;*}\" ")
                .append(Shell.quote(d.resolve("summary.sbatch").toString())).append(")\n");
        submit.append("echo \"submitted array job ${jid%%;*} (").append(plan.size())
                .append(" tasks) and summary job ${sid%%;*}\"\n");

        StringBuilder tsv = new StringBuilder("index\tkey\tcommand\n");
        for (int i = 0; i < plan.size(); i++) {
            List<String> cmd = new ArrayList<>(List.of("grokphase"));
            cmd.addAll(plan.get(i).run().toArgs());
            tsv.append(i).append('\t').append(plan.get(i).key()).append('\t').append(Shell.join(cmd)).append('\n');
        }
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot create " + logs + ": " + e.getMessage(), e);
        }
        Path script = d.resolve("sweep.sbatch");
        AtomicFiles.writeString(script, array.toString());
        AtomicFiles.writeString(d.resolve("summary.sbatch"), summary.toString());
        AtomicFiles.writeString(d.resolve("submit.sh"), submit.toString());
        AtomicFiles.writeString(d.resolve("runs.tsv"), tsv.toString());
        makeExecutable(script);
        makeExecutable(d.resolve("summary.sbatch"));
        makeExecutable(d.resolve("submit.sh"));
        return script;
    }

    /** The shebang and the {@code #SBATCH} options both jobs share. */
    private static StringBuilder header(String jobName, Options options, Path output) {
        StringBuilder sb = new StringBuilder("#!/bin/bash\n");
        sb.append("#SBATCH --job-name=").append(jobName).append('\n');
        sb.append("#SBATCH --cpus-per-task=").append(options.cpusPerTask()).append('\n');
        sb.append("#SBATCH --time=").append(options.time()).append('\n');
        sb.append("#SBATCH --output=").append(output).append('\n');
        for (String line : options.extra()) {
            sb.append("#SBATCH ").append(line.trim()).append('\n');
        }
        return sb;
    }

    /**
     * The shell part before the command: the user's set-up lines, then strict mode (after them:
     * environment-module scripts often read unset variables, which {@code set -u} would stop).
     */
    private static void body(StringBuilder sb, Options options) {
        if (!options.setup().isEmpty()) {
            sb.append("# Environment set-up");
            if (options.setupSource() != null) {
                sb.append(" (from ").append(options.setupSource()).append(')');
            }
            sb.append(":\n");
            for (String line : options.setup()) {
                sb.append(line).append('\n');
            }
        }
        sb.append("set -euo pipefail\n");
    }

    /** Adds execute permission wherever the umask left read permission (chmod a+X, umask-wise). */
    private static void makeExecutable(Path p) {
        try {
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
            if (perms.contains(PosixFilePermission.OWNER_READ)) perms.add(PosixFilePermission.OWNER_EXECUTE);
            if (perms.contains(PosixFilePermission.GROUP_READ)) perms.add(PosixFilePermission.GROUP_EXECUTE);
            if (perms.contains(PosixFilePermission.OTHERS_READ)) perms.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(p, perms);
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: run with 'bash FILE' instead
        }
    }
}
