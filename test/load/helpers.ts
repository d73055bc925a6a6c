import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Dataset } from '../../src/load/dataset.js';
import { KohortError } from '../../src/errors.js';

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export const bytes = (text: string): Uint8Array => encoder.encode(text);

/** `values` as fields laid end to end (field i is all[starts[i], ends[i])), with row numbers. */
export function fields(values: readonly string[]): { all: Uint8Array; starts: Int32Array; ends: Int32Array; rows: Int32Array } {
  const all = bytes(values.join(''));
  const starts = new Int32Array(values.length);
  const ends = new Int32Array(values.length);
  let o = 0;
  values.forEach((v, i) => {
    starts[i] = o;
    ends[i] = o += bytes(v).length;
  });
  return { all, starts, ends, rows: Int32Array.from(values, (_, i) => i) };
}

/** A column's values as a plain array (null for missing strings, NaN for missing numbers). */
export function col(d: Dataset, name: string): unknown[] {
  const c = d.table.column(name) as unknown as { length: number; at(i: number): unknown };
  return Array.from({ length: c.length }, (_, i) => c.at(i));
}

/** Every column as plain arrays, by name. */
export function cols(d: Dataset): Record<string, unknown[]> {
  return Object.fromEntries(d.table.columnNames().map((name) => [name, col(d, name)]));
}

/** Expect `fn` to throw a KohortError with `code`; returns it for further checks. */
export async function expectKohortError(
  fn: () => unknown,
  code: string,
): Promise<KohortError> {
  let caught: unknown;
  try {
    await fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(KohortError);
  expect((caught as KohortError).code).toBe(code);
  return caught as KohortError;
}

/** A fresh temporary directory and a function that removes it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kohort-load-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
