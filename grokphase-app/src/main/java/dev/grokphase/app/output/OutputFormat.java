package dev.grokphase.app.output;

/** How a command prints its rows: an aligned table for people, CSV for pandas, JSON Lines for scripts. */
public enum OutputFormat {
    table, csv, jsonl
}
