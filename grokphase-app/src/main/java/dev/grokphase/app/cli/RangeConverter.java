package dev.grokphase.app.cli;

import dev.grokphase.param.Range;
import picocli.CommandLine;

/**
 * picocli converter for {@code a:b:step} or a single number. The option name is not known to a
 * converter, so errors are re-labelled by {@link CommandLine}'s parameter exception handler;
 * commands that need the exact flag in the message call {@link Range#parse} themselves.
 */
public final class RangeConverter implements CommandLine.ITypeConverter<Range> {
    @Override
    public Range convert(String value) {
        return Range.parse("range", value);
    }
}
