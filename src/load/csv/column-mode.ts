/** No value seen yet (only blanks): the first value decides the column's mode. */
export const EMPTY = 0;
/** Every value so far is a number (or a missing token such as "NA"). */
export const NUMBER = 1;
/** Every value so far is an ISO date or date-time, all with a zone designator or all without. */
export const TIME = 2;
/** Dictionary-encoded text. */
export const STRING = 3;
/** A column the caller did not ask for: read past, never stored. */
export const SKIP = 4;

export type ColumnMode = typeof EMPTY | typeof NUMBER | typeof TIME | typeof STRING | typeof SKIP;
