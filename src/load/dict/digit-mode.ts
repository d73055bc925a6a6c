/**
 * How a shape's digits are written. FIXED: always `length - prefix.length` digits,
 * zero-padded ("C0000042", "00017"). FREE: 1 to 9 digits without leading zeros ("7",
 * "17850", "user-42": ids 1..N as most systems print them). EITHER: every value so far
 * had the same number of digits and no leading zero, which both read alike: the first
 * value that tells them apart (same length with a leading zero, or another length)
 * settles it (see resolve). Every value of a shape prints back as itself, so a value is
 * numbered only when its number, written in the shape, is that value byte for byte.
 */
export const FIXED = 0;
export const FREE = 1;
export const EITHER = 2;
export type DigitMode = typeof FIXED | typeof FREE | typeof EITHER;
