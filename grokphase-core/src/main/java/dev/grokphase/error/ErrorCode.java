package dev.grokphase.error;

/** Kinds of user-facing failure. Every one maps to exit code 2 in the command-line tool. */
public enum ErrorCode {
    /** A numeric parameter outside its allowed interval. */
    OUT_OF_RANGE,
    /** A value that cannot be parsed or is inconsistent with other parameters. */
    INVALID_VALUE,
    /** A root finder was given an interval whose end points do not bracket a sign change. */
    NOT_BRACKETING,
    /** An iterative method did not converge within its budget. */
    NO_CONVERGENCE,
    /** Numerical breakdown (NaN, divergence) during a run. */
    DIVERGED,
    /** A file or run directory that cannot be read, written or resumed. */
    IO
}
