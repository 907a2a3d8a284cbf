/**
 * The terminal the tool writes to: its width, so progress lines that are redrawn in place never
 * wrap (a wrapped line cannot be redrawn with a carriage return and floods the screen).
 */
package dev.grokphase.app.terminal;
