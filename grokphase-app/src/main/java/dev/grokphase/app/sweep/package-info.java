/**
 * The app side of sweeps: the {@link dev.grokphase.sweep.RunHandler} that performs a run by
 * executing the tool's own command in-process (so a sweep run is exactly what the command line
 * would do), and the progress display of {@code sweep} and {@code reproduce}.
 */
package dev.grokphase.app.sweep;
