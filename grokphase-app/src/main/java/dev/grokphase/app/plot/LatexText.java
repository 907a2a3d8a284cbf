package dev.grokphase.app.plot;

import java.util.Map;

/**
 * Plain caption text (with the Greek letters, sub- and superscripts the figures use) turned into
 * LaTeX that compiles in text mode with any engine: specials escaped, each symbol as
 * {@code \ensuremath{…}} so it works inside and outside math.
 */
public final class LatexText {

    private static final Map<Character, String> SYMBOLS = Map.ofEntries(
            Map.entry('σ', "\\sigma"), Map.entry('β', "\\beta"), Map.entry('ε', "\\epsilon"),
            Map.entry('γ', "\\gamma"), Map.entry('λ', "\\lambda"), Map.entry('Φ', "\\Phi"),
            Map.entry('Ψ', "\\Psi"), Map.entry('φ', "\\phi"), Map.entry('τ', "\\tau"),
            Map.entry('μ', "\\mu"), Map.entry('η', "\\eta"), Map.entry('Σ', "\\Sigma"),
            Map.entry('²', "^{2}"), Map.entry('³', "^{3}"), Map.entry('⁴', "^{4}"), Map.entry('∗', "^{*}"),
            Map.entry('₀', "_{0}"), Map.entry('₁', "_{1}"), Map.entry('₂', "_{2}"), Map.entry('₃', "_{3}"),
            Map.entry('·', "\\cdot"), Map.entry('×', "\\times"), Map.entry('−', "-"), Map.entry('±', "\\pm"),
            Map.entry('√', "\\surd"), Map.entry('≤', "\\le"), Map.entry('≥', "\\ge"), Map.entry('≈', "\\approx"),
            Map.entry('→', "\\to"), Map.entry('∞', "\\infty"), Map.entry('∈', "\\in"), Map.entry('≠', "\\ne"));

    private LatexText() {
    }

    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 32);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // A combining macron (f̄) puts a bar over the previous letter.
            if (i + 1 < text.length() && text.charAt(i + 1) == '\u0304') {
                sb.append("\\ensuremath{\\bar{").append(c).append("}}");
                i++;
                continue;
            }
            String sym = SYMBOLS.get(c);
            if (sym != null) {
                sb.append("\\ensuremath{").append(sym).append('}');
                continue;
            }
            switch (c) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '{', '}', '$', '&', '#', '%', '_' -> sb.append('\\').append(c);
                case '^' -> sb.append("\\textasciicircum{}");
                case '~' -> sb.append("\\textasciitilde{}");
                // In math, \S is the Computer Modern symbol font's §; in text LaTeX takes it from
                // the TS1 encoding, a bitmap (Type 3) font unless cm-super is installed.
                case '§' -> sb.append("\\ensuremath{\\S}");
                case '–' -> sb.append("--");
                case '—' -> sb.append("---");
                case '…' -> sb.append("\\ldots{}");
                case '|' -> sb.append("\\ensuremath{|}");
                case '<' -> sb.append("\\ensuremath{<}");
                case '>' -> sb.append("\\ensuremath{>}");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
