/** Bytes and byte classes of the CSV reader (csv-core.ts, fast-rows.ts, read-record.ts, slow-row.ts). */
export const QUOTE = 0x22;
export const LF = 0x0a;
export const CR = 0x0d;
export const SP = 0x20;
export const TAB = 0x09;
export const MINUS = 0x2d;
export const DOT = 0x2e;
/** Byte classes in a reader's `stop` table: a delimiter, a line end (0: part of a field). */
export const DELIM = 1;
export const EOL = 2;
/** Field flags: the field was quoted; its bytes hold quote characters that must be removed before use. */
export const QUOTED = 1;
export const ESCAPED = 2;
