package dev.grokphase.sweep;

import dev.grokphase.error.GrokphaseException;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The handlers a sweep may use: those on the class path, plus any added explicitly (tests). */
public final class RunHandlers {

    private final List<RunHandler> handlers;

    public RunHandlers(List<RunHandler> handlers) {
        this.handlers = List.copyOf(handlers);
    }

    /** Every {@link RunHandler} registered through {@link ServiceLoader}. */
    public static RunHandlers discover() {
        List<RunHandler> found = new ArrayList<>();
        ServiceLoader.load(RunHandler.class, RunHandlers.class.getClassLoader()).forEach(found::add);
        return new RunHandlers(found);
    }

    public RunHandler forCommand(String command) {
        for (RunHandler h : handlers) {
            if (h.supports(command)) {
                return h;
            }
        }
        throw GrokphaseException.invalid("command", command, "no run handler supports it in this build");
    }

    public boolean supports(String command) {
        return handlers.stream().anyMatch(h -> h.supports(command));
    }
}
