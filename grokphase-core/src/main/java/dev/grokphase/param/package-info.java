/** Parameter parsing and validation shared by theory and training: sweep ranges and range checks. */
package dev.grokphase.param;
