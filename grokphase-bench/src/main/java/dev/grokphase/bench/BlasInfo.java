package dev.grokphase.bench;

import dev.grokphase.linalg.Blas;

/**
 * Prints the BLAS backend grokphase loads (as recorded in run manifests) and the native library
 * file it came from, for bench/compare-torch.sh:
 * {@code java -cp grokphase-bench/target/benchmarks.jar dev.grokphase.bench.BlasInfo}.
 */
public final class BlasInfo {

    private BlasInfo() {
    }

    public static void main(String[] args) throws java.io.IOException {
        Blas blas = Blas.get();
        String library = "";
        if (blas.isNative()) {
            // the mapped shared object that provides the symbols (JavaCPP unpacks it to a cache)
            library = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/maps")).stream()
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(p -> p.contains("openblas") && p.contains(".so"))
                    .findFirst().orElse("");
        }
        System.out.println(blas.backendName() + (library.isEmpty() ? "" : " [" + library + "]"));
    }
}
