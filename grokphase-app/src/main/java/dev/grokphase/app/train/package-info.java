/**
 * The command-line side of training: options shared by {@code train cubic} and {@code train
 * modular}, {@code --config} files and {@code --resume} manifests merged into picocli options,
 * progress on a terminal (bar with rate and ETA) or as plain periodic lines.
 */
package dev.grokphase.app.train;
