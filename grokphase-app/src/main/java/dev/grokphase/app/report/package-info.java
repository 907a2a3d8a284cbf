/**
 * The HTML report: reads run directories (manifest.json, summary.json, metrics.csv,
 * observables/, theory.csv) and sweep directories (plan.json, spec.yaml, summary.csv), builds the
 * figures each spec asks for (the catalogue of notes §7: −log p(w·w*) per β or N, learned cubic
 * and linear components vs σ², modular 1 − |a| with phase bands, losses and projections in time,
 * Fourier spectra) and writes one self-contained page: figures inlined as base64 PNG, inline CSS,
 * no network. Experiments whose equilibration diagnostics fail are flagged.
 */
package dev.grokphase.app.report;
