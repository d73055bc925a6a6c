/**
 * Joining a split CSV read's text dictionaries early. The main thread usually finishes
 * its part first and would then wait for the worker, and only after that look every
 * one of the worker's distinct values up in its own dictionary (a million UUIDs or
 * e-mails: some 0.2-0.4 s on the main thread alone). Instead, once the main thread is
 * done it raises a flag; from then on the worker posts each text column's new values
 * after every chunk it reads, and the main thread absorbs them while it waits. When the
 * part comes, only the values the worker found last are left to add. The keys come out
 * exactly as one absorb of the whole part gives them (see CodeDict.absorbEarly).
 */
import { STRING, type ColumnMode } from './column-mode.js';
import type { CsvReader } from './csv-core.js';
import type { ByteDictState } from '../dict/byte-arena.js';

/** New values of some text columns of a part, posted by the worker. */
export interface EarlyValues {
  columns: { column: number; from: number; values: ByteDictState }[];
}

/** Fewer new values than this wait for the next chunk (or the part itself). */
const EARLY_MIN = 1024;
/** At most this many values a column and chunk: the copies stay small, and a backlog drains over the next chunks. */
const EARLY_MAX = 1 << 16;

/**
 * The worker's side: a function for each chunk read (see parseCsvPart's onChunk) that,
 * once `flag[0]` is 1, posts the values added since its last post to the columns the
 * part reads as text from the start (`modes`, the job's), at least `min` of a column at
 * a time. Only those: their values come in the order of their rows, however the part
 * is read (again). A column that turns to text in the part reads its first rows last.
 */
export function publishEarly(
  flag: Int32Array,
  post: (note: EarlyValues, transfer: ArrayBuffer[]) => void,
  modes: readonly ColumnMode[],
  min = EARLY_MIN,
): (parser: CsvReader) => void {
  const sent: number[] = [];
  return (parser) => {
    if (Atomics.load(flag, 0) !== 1) return;
    const columns: EarlyValues['columns'] = [];
    parser.builders.forEach((c, i) => {
      const from = sent[i] ?? 0;
      if (modes[i] !== STRING || c.mode !== STRING || c.dict === null || c.dict.size - from < Math.max(1, min)) return;
      const values = c.dict.valuesFrom(from, from + Math.max(min, EARLY_MAX));
      if (values === null) return;
      sent[i] = from + values.size;
      columns.push({ column: i, from, values });
    });
    if (columns.length === 0) return;
    const transfer = columns.flatMap(({ values: v }) => [v.arena.buffer, v.starts.buffer, v.lengths.buffer] as ArrayBuffer[]);
    post({ columns }, transfer);
  };
}

/**
 * The main thread's side, once its own part is read: absorb the posted values into the
 * matching columns' dictionaries. Values that do not follow on from those absorbed so
 * far (or a column not text here) are left for the part's absorb.
 */
export function absorbEarly(parser: CsvReader, note: EarlyValues): void {
  for (const { column, from, values } of note.columns) {
    const c = parser.builders[column];
    if (c !== undefined && c.mode === STRING && c.dict !== null && c.dict.earlyCount === from) c.dict.absorbEarly(values);
  }
}

/** Forget what was absorbed early (the part failed, or is read again): a plain absorb follows, if any. */
export function forgetEarly(parser: CsvReader): void {
  for (const c of parser.builders) c.dict?.forgetEarly();
}
