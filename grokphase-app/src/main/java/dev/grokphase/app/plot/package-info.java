/**
 * Paper-style figures (PNG, SVG and PDF; captions as .txt/.tex) on XChart: theory lines and experiment points with error bars
 * on the same axes, log axes with explicit handling of non-positive values, shaded phase regions
 * (GFL / GMFL-I / GMFL-II, notes §3.8), one series per β, and a caption naming the parameter set.
 * The figure catalogue it serves is notes §7; the error bars are the 5-subset rule of notes §6.1.
 *
 * <p>A {@link dev.grokphase.app.plot.Figure} is a plain description (data, labels, bands);
 * {@link dev.grokphase.app.plot.FigureRenderer} turns it into pixels or vectors, headless.
 */
package dev.grokphase.app.plot;
