package dev.grokphase.spark;

import dev.grokphase.error.ErrorCode;
import dev.grokphase.error.GrokphaseException;
import org.apache.spark.SparkContext;

import java.io.PrintWriter;

/**
 * Which Spark the sweep runs on, checked before any job is submitted. grokphase-spark.jar is one
 * jar for Spark 3.5 built for Scala 2.12 (most managed installations: EMR, Dataproc, Databricks)
 * and for Scala 2.13: it calls no Spark method whose signature names a Scala collection, the only
 * place where the two builds differ for this code (a test scans the compiled classes for it).
 */
public final class SparkVersions {

    private SparkVersions() {
    }

    /**
     * Stops with one line when this Spark cannot run the jar; warns when it is another 3.x than the
     * 3.5 it was built and tested against.
     */
    public static void requireSupported(String sparkVersion, String scalaVersion, PrintWriter warnings) {
        String fits = "grokphase-spark.jar fits Spark 3.5 built for Scala 2.12 or 2.13";
        if (!(scalaVersion.startsWith("2.12.") || scalaVersion.startsWith("2.13."))) {
            throw new GrokphaseException(ErrorCode.INVALID_VALUE, "Spark " + sparkVersion + " runs on Scala " + scalaVersion
                    + ": " + fits + " (use such an installation, or grokphase-spark/bin/spark-submit-mvn, or --executor local)");
        }
        String[] v = sparkVersion.split("[.-]");
        int major = parse(v, 0);
        int minor = parse(v, 1);
        if (major != 3 || minor < 3) {
            // TaskContext.cpus() (the run's cores) appeared in 3.3; 4.x changed the listener API.
            throw new GrokphaseException(ErrorCode.INVALID_VALUE, "this is Spark " + sparkVersion + " (Scala " + scalaVersion
                    + "): " + fits + " (3.3 and 3.4 may work; use such an installation, or "
                    + "grokphase-spark/bin/spark-submit-mvn, or --executor local)");
        }
        if (minor != 5 && warnings != null) {
            warnings.println("sweep[spark]: warning: Spark " + sparkVersion + " (Scala " + scalaVersion
                    + "); grokphase-spark.jar was built and tested against Spark 3.5");
            warnings.flush();
        }
    }

    /** The Scala version of the running Spark ({@code 2.12.18}, {@code 2.13.8}, ...). */
    public static String scalaVersion() {
        return scala.util.Properties.versionNumberString();
    }

    /**
     * How many tasks can run at once on the executors alive now (Integer.MAX_VALUE when Spark does
     * not say). The method is {@code private[spark]} in Scala, public in the bytecode of both
     * Scala lines, and stable across 3.x since 3.1; a change would only unclamp the progress line.
     */
    public static int taskSlots(SparkContext sc) {
        try {
            int n = sc.maxNumConcurrentTasks(sc.resourceProfileManager().defaultResourceProfile());
            return n > 0 ? n : Integer.MAX_VALUE;
        } catch (RuntimeException | LinkageError e) {
            return Integer.MAX_VALUE;
        }
    }

    private static int parse(String[] parts, int i) {
        try {
            return i < parts.length ? Integer.parseInt(parts[i]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
