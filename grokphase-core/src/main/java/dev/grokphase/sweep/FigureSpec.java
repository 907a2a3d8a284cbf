package dev.grokphase.sweep;

import java.util.Map;

/**
 * A figure a spec asks for. {@code kind} names a figure builder of the app (e.g.
 * {@code cubic-component-vs-sigma2}); {@code params} are that builder's options (which
 * computations to read, which σ² to show, ...).
 */
public record FigureSpec(String id, String kind, String title, String caption, Map<String, Object> params) {
}
