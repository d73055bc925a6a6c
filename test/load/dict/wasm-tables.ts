import { afterAll, beforeAll } from 'vitest';
import { WASM_TABLE_AT, setWasmTableAt } from '../../../src/load/dict/wasm-hash-table.js';

/**
 * Both hash tables of ByteDict: the JS one only; the WebAssembly one from the first value;
 * and that with 6-bit hashes, so that values collide and only their bytes tell them apart.
 */
export const TABLES = [
  { table: 'JS', at: Number.POSITIVE_INFINITY, bits: 64 },
  { table: 'WebAssembly', at: 0, bits: 64 },
  { table: 'WebAssembly 6-bit hash', at: 0, bits: 6 },
];

/** Use the table that dictionaries reaching `at` values move to, with `bits` of hash, in this describe. */
export function useTables(at: number, bits: number): void {
  const before = WASM_TABLE_AT;
  beforeAll(() => setWasmTableAt(at, bits));
  afterAll(() => setWasmTableAt(before));
}
