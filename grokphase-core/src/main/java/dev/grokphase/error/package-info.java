/**
 * User-facing errors: one exception type with an {@link dev.grokphase.error.ErrorCode}, whose
 * message is a single line naming the parameter, its value and the allowed range.
 */
package dev.grokphase.error;
