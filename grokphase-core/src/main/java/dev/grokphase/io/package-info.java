/** JSON/YAML mapping (non-finite numbers as null) and crash-safe atomic file writes. */
package dev.grokphase.io;
