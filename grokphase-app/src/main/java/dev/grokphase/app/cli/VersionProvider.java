package dev.grokphase.app.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The tool's version and the commit it was built from, both written at build time
 * ({@code grokphase-version.properties} by Maven's resource filtering,
 * {@code grokphase-build.properties} by {@code scripts/write-build-info.sh}): the tool's own
 * provenance, whatever directory it runs in.
 */
public final class VersionProvider implements CommandLine.IVersionProvider {

    public static String version() {
        return read("/grokphase-version.properties", "version");
    }

    /** The commit the tool was built from (suffix {@code -dirty}: with local changes), or "unknown". */
    public static String gitCommit() {
        return read("/grokphase-build.properties", "gitCommit");
    }

    private static String read(String resource, String key) {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String v = p.getProperty(key, "unknown").strip();
        return v.isEmpty() ? "unknown" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
                "grokphase " + version() + " (commit " + gitCommit() + ")",
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}
