/**
 * Training experiments: an ensemble of K·D networks ({@code --seeds K --datasets D}, the data seed
 * separate from the init and noise seeds, paper-notes §6.1 "50 random datasets × 4 initialization
 * seeds") trained in parallel on a log-spaced schedule, with observables logged to a
 * {@link dev.grokphase.store.RunDirectory}, checkpoints at fixed steps, bit-identical resume,
 * divergence detection and progress callbacks. Networks are reached through the small
 * {@link dev.grokphase.experiment.NetworkGroup} interface (networks sharing a dataset train
 * together in one {@link dev.grokphase.train.Trainer}, {@link dev.grokphase.experiment.TrainerGroup}).
 */
package dev.grokphase.experiment;
