/**
 * Two different absences, written differently on purpose: an SRE must tell "we asked and the source had nothing"
 * from "there is nothing to ask" at a glance.
 */

/** A figure the gateway could not answer (no datapoints, upstream down): worth a look. */
export const NO_DATA = 'No data';

/** A cell with no meaning for this row (a deploy still running has no duration, a manual one no actor). */
export const NOT_APPLICABLE = '–';
