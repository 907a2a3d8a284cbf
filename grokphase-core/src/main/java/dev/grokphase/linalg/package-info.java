/**
 * Dense matrix products for the training engine (DESIGN.md "Dependencies"): a small
 * {@link dev.grokphase.linalg.Blas} facade over native OpenBLAS (JavaCPP, natives in the jar) with
 * a pure-Java fallback used when the natives cannot be loaded. Matrices live in direct (off-heap)
 * buffers so that native calls copy nothing; {@link dev.grokphase.linalg.Blas#backendName()} says
 * which backend is active, for run manifests.
 */
package dev.grokphase.linalg;
