package dev.grokphase.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;

import java.util.Map;

/**
 * The "Commands:" list of a usage help, one complete sentence per command. picocli shows the
 * first element of a command's description array, which is often half a sentence wrapped in the
 * source ("…run every built-in spec, then write"); this joins the description and keeps its
 * first sentence.
 */
public final class CommandListRenderer implements CommandLine.IHelpSectionRenderer {

    /**
     * Installs the renderer on {@code cl} and every subcommand below it, and joins description
     * lines that were wrapped in the source mid-sentence, so that picocli re-wraps them as one
     * paragraph at the terminal's width.
     */
    public static void install(CommandLine cl) {
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandListRenderer());
        CommandLine.Model.UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
        usage.description(joinWrapped(usage.description()));
        for (CommandLine sub : cl.getSubcommands().values()) {
            install(sub);
        }
    }

    /**
     * A line that does not end a sentence (no final . : ! ?) continues on the next one, unless the
     * next is indented, a list item or blank (examples and lists keep their lines).
     */
    static String[] joinWrapped(String[] lines) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String line : lines) {
            if (!out.isEmpty()) {
                String prev = out.get(out.size() - 1);
                String p = prev.stripTrailing();
                boolean continues = !p.isEmpty() && !p.endsWith("%n") && ".:!?".indexOf(p.charAt(p.length() - 1)) < 0
                        && !p.startsWith(" ") && !line.isBlank() && !line.startsWith(" ") && !line.startsWith("-")
                        && !line.startsWith("%n");
                if (continues) {
                    out.set(out.size() - 1, p + " " + line.strip());
                    continue;
                }
            }
            out.add(line);
        }
        return out.toArray(new String[0]);
    }

    @Override
    public String render(Help help) {
        Map<String, Help> subs = help.subcommands();
        int nameWidth = 0;
        for (Map.Entry<String, Help> e : subs.entrySet()) {
            if (!e.getValue().commandSpec().usageMessage().hidden()) {
                nameWidth = Math.max(nameWidth, e.getKey().length());
            }
        }
        int width = help.commandSpec().usageMessage().width();
        int indent = 2 + nameWidth + 4;
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Help> e : subs.entrySet()) {
            CommandLine.Model.UsageMessageSpec usage = e.getValue().commandSpec().usageMessage();
            if (usage.hidden()) {
                continue;
            }
            String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
            String name = "  " + e.getKey() + " ".repeat(indent - 2 - e.getKey().length());
            sb.append(wrap(name, firstSentence(String.join(" ", lines)), indent, Math.max(indent + 20, width)));
        }
        return sb.toString();
    }

    /** {@code first} then {@code text} wrapped at spaces to {@code width}, continuation lines indented. */
    static String wrap(String first, String text, int indent, int width) {
        StringBuilder sb = new StringBuilder(first);
        int col = first.length();
        boolean lineStart = true;
        for (String word : text.split(" ")) {
            if (!lineStart && col + 1 + word.length() > width) {
                sb.append('\n').append(" ".repeat(indent));
                col = indent;
                lineStart = true;
            }
            if (!lineStart) {
                sb.append(' ');
                col++;
            }
            sb.append(word);
            col += word.length();
            lineStart = false;
        }
        return sb.append('\n').toString();
    }

    /** Up to and including the first ". " (or the whole text): "Solve X. Then Y." → "Solve X." */
    static String firstSentence(String text) {
        String t = text.replace("%n", " ").replaceAll("\\s+", " ").trim();
        int depth = 0;
        for (int i = 0; i < t.length() - 1; i++) {
            char c = t.charAt(i);
            if (c == '(') depth++;
            if (c == ')') depth = Math.max(0, depth - 1);
            if (c == '.' && depth == 0 && t.charAt(i + 1) == ' ' && !abbreviation(t, i)) {
                return t.substring(0, i + 1);
            }
        }
        return t;
    }

    /** "e.g." and "i.e." (a dot inside the word) and one-letter words do not end a sentence; "(§4.1)." does. */
    private static boolean abbreviation(String t, int dot) {
        int start = t.lastIndexOf(' ', dot - 1) + 1;
        String word = t.substring(start, dot);
        return !word.endsWith(")") && (word.length() <= 1 || word.contains("."));
    }
}
