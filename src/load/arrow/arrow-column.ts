/* The parts of flechette's columns, batches and types that kohort's Arrow reader uses. */

/** The parts of a flechette record batch this reader uses. */
export interface ArrowBatch {
  length: number;
  nullCount: number;
  /** Validity bitmap (bit i set = row i present); absent when there are no nulls. */
  validity?: Uint8Array;
  values?: ArrayLike<unknown> & ArrayBufferView;
  offsets?: ArrayLike<number | bigint>;
  /** Dictionary batches: the dictionary in force for this batch. */
  dictionary?: ArrowColumn;
  at(i: number): unknown;
}

/** The parts of a flechette column type this reader uses. */
export interface ArrowType {
  typeId: number;
  timezone?: string | null;
  precision?: number;
  unit?: number;
  bitWidth?: number;
  signed?: boolean;
  dictionary?: ArrowType;
}

/** The parts of a flechette column this reader uses. */
export interface ArrowColumn {
  type: ArrowType;
  length: number;
  data: ArrowBatch[];
}

/** Arrow type ids (flechette's Type enumeration). */
export const DICTIONARY = -1;
export const NULL = 1;
export const INT = 2;
export const FLOAT = 3;
export const UTF8 = 5;
export const BOOL = 6;
export const DECIMAL = 7;
export const DATE = 8;
export const TIMESTAMP = 10;
export const LARGE_UTF8 = 20;
export const HALF = 0; // Float precision of float16, stored as raw Uint16 bits
/** Milliseconds per unit of an Arrow timestamp: second, millisecond, microsecond, nanosecond. */
export const UNIT_MS = [1000, 1, 1e-3, 1e-6];

/** True if row i of a batch is present (not null). */
export function valid(validity: Uint8Array, i: number): boolean {
  return ((validity[i >> 3] >> (i & 7)) & 1) === 1;
}
