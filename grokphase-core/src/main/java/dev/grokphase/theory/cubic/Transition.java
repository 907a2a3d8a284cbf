package dev.grokphase.theory.cubic;

/**
 * The GFL → GMFL-I transition along one axis, in the thermodynamic limit (notes §4.7–§4.8).
 *
 * @param axis             the moved parameter
 * @param spinodal         value of that parameter where a side well first appears (metastable)
 * @param critical         value where the side well becomes degenerate with the zero well (first-order point)
 * @param uSpinodal        u at the spinodal
 * @param uc               u at the first-order point (paper: 30.2 for the Fig. 2 point)
 * @param rSpinodal        r at the spinodal
 * @param rc               r at the first-order point
 * @param qStarSpinodal    position of the nascent side well at the spinodal (inflection point of s)
 * @param qStarC           position q* of the degenerate side wells at the transition
 * @param bC               b on the GFL branch at the transition (c = ε there)
 */
public record Transition(SweepAxis axis, double spinodal, double critical, double uSpinodal, double uc,
                         double rSpinodal, double rc, double qStarSpinodal, double qStarC, double bC) {
}
