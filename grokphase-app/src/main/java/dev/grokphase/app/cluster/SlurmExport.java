package dev.grokphase.app.cluster;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import dev.grokphase.io.AtomicFiles;
import dev.grokphase.sweep.PlannedRun;
import dev.grokphase.sweep.Scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A sweep as a SLURM job array, for clusters run by an HPC scheduler instead of Spark. Writes into
 * a directory:
 * <ul>
 *   <li>{@code sweep.sbatch}: the array script, tasks {@code 0..N-1}; task {@code i} runs
 *       {@code grokphase sweep SPEC --scale S --out OUT --index i}, i.e. run {@code i} of the
 *       plan (plan order is deterministic: theory computations, then training, grid in key order),
 *       with the local executor's skip/resume semantics, so a resubmitted array redoes nothing;</li>
 *   <li>{@code runs.tsv}: index, run key, command (which task made which run directory);</li>
 *   <li>{@code submit.sh}: submits the array, then one dependent job that runs the sweep
 *       locally once every task has ended: it skips the done runs, retries any that failed,
 *       and writes {@code summary.csv}.</li>
 * </ul>
 * Paths in the scripts are absolute, so they work from any submission directory on a shared file
 * system. The tasks start the built jar with {@code java -jar}, not the {@code ./grokphase}
 * launcher, so that hundreds of tasks never race to rebuild a stale tree.
 */
public final class SlurmExport {

    /**
     * Options of the generated jobs.
     *
     * @param cpusPerTask  {@code --cpus-per-task} of each array task
     * @param time         {@code --time} per task (SLURM syntax, e.g. 04:00:00)
     * @param maxParallel  {@code %} throttle of the array (0: no throttle)
     * @param extra        further {@code #SBATCH} lines, as given (e.g. {@code --partition=cpu})
     */
    public record Options(int cpusPerTask, String time, int maxParallel, List<String> extra) {
        public Options {
            extra = List.copyOf(extra);
        }
    }

    private SlurmExport() {
    }

    /** Writes the three files; returns the array script's path. */
    public static Path write(Path dir, String specArg, String specId, Scale scale, Path out, List<PlannedRun> plan,
                             List<String> launcher, Options options) {
        if (plan.isEmpty()) {
            throw GrokphaseException.invalid("SPEC", specArg, "the spec plans no runs at scale " + scale.id());
        }
        Path d = dir.toAbsolutePath().normalize();
        Path o = out.toAbsolutePath().normalize();
        String name = "grokphase-" + specId + "-" + scale.id();
        List<String> sweep = new java.util.ArrayList<>(launcher);
        sweep.addAll(List.of("sweep", specArg, "--scale", scale.id(), "--out", o.toString()));

        StringBuilder sb = new StringBuilder();
        sb.append("#!/bin/bash\n");
        sb.append("# grokphase sweep ").append(specId).append(" at scale ").append(scale.id()).append(": ")
                .append(plan.size()).append(" runs, one per array task (index -> run: runs.tsv).\n");
        sb.append("# Written by 'grokphase sweep --emit-slurm'. Submit with submit.sh (array + summary job),\n");
        sb.append("# or alone: sbatch ").append(Shell.quote(d.resolve("sweep.sbatch").toString())).append('\n');
        sb.append("#SBATCH --job-name=").append(name).append('\n');
        sb.append("#SBATCH --array=0-").append(plan.size() - 1)
                .append(options.maxParallel() > 0 ? "%" + options.maxParallel() : "").append('\n');
        sb.append("#SBATCH --cpus-per-task=").append(options.cpusPerTask()).append('\n');
        sb.append("#SBATCH --time=").append(options.time()).append('\n');
        sb.append("#SBATCH --output=").append(d.resolve("logs")).append("/%A_%a.out\n");
        for (String line : options.extra()) {
            sb.append("#SBATCH ").append(line.trim()).append('\n');
        }
        sb.append("set -euo pipefail\n");
        sb.append("# One run per task; a run already done is skipped, an interrupted one resumed.\n");
        sb.append("exec ").append(Shell.join(sweep)).append(" --threads ").append(options.cpusPerTask())
                .append(" --index \"$SLURM_ARRAY_TASK_ID\"\n");

        StringBuilder submit = new StringBuilder();
        submit.append("#!/bin/bash\n");
        submit.append("# Submits the array, then a job that writes summary.csv once every task has ended\n");
        submit.append("# (afterany: it also retries, here, any run whose task failed).\n");
        submit.append("set -euo pipefail\n");
        submit.append("mkdir -p ").append(Shell.quote(d.resolve("logs").toString())).append('\n');
        submit.append("jid=$(sbatch --parsable ").append(Shell.quote(d.resolve("sweep.sbatch").toString())).append(")\n");
        submit.append("sbatch --dependency=afterany:\"${jid%%;*}\" --job-name=").append(name).append("-summary")
                .append(" --cpus-per-task=").append(options.cpusPerTask())
                .append(" --output=").append(Shell.quote(d.resolve("logs").toString() + "/summary-%j.out"))
                .append(" --wrap ").append(Shell.quote(Shell.join(sweep) + " --threads " + options.cpusPerTask())).append('\n');
        submit.append("echo \"submitted array job $jid (").append(plan.size()).append(" tasks) and its summary job\"\n");

        StringBuilder tsv = new StringBuilder("index\tkey\tcommand\n");
        for (int i = 0; i < plan.size(); i++) {
            tsv.append(i).append('\t').append(plan.get(i).key()).append('\t').append(plan.get(i).run().command()).append('\n');
        }
        try {
            Files.createDirectories(d.resolve("logs"));
        } catch (IOException e) {
            throw new GrokphaseException(ErrorCode.IO, "cannot create " + d.resolve("logs") + ": " + e.getMessage(), e);
        }
        Path script = d.resolve("sweep.sbatch");
        AtomicFiles.writeString(script, sb.toString());
        AtomicFiles.writeString(d.resolve("submit.sh"), submit.toString());
        AtomicFiles.writeString(d.resolve("runs.tsv"), tsv.toString());
        makeExecutable(script);
        makeExecutable(d.resolve("submit.sh"));
        return script;
    }

    private static void makeExecutable(Path p) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: run with 'bash FILE' instead
        }
    }
}
