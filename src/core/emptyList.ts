/**
 * The one empty list of the values a scan keeps by the thousand and never changes (a file's facts that added nothing,
 * a practice's missing evidence, a fix whose edits were not kept): frozen, so a consumer that tried to add to it would
 * throw rather than change every holder's list.
 */
export const EMPTY_LIST: readonly never[] = Object.freeze([]);
