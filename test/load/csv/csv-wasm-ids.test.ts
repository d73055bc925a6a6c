import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvFile, type CsvFileOptions } from '../../../src/load/csv/csv-split.js';
import { setWasmTableAt, WASM_TABLE_AT } from '../../../src/load/dict/wasm-hash-table.js';
import { cols, tempDir } from '../helpers.js';
import { TABLES } from '../dict/wasm-tables.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
let fileNo = 0;

/** The ids column and its dictionary's value order, as read with `how` under each hash table. */
async function readIds(text: string, how: CsvFileOptions) {
  const path = join(dir, `w${fileNo++}.csv`);
  const data = Buffer.from(text);
  writeFileSync(path, data);
  const before = WASM_TABLE_AT;
  const out = [];
  try {
    for (const { at, bits } of TABLES) {
      setWasmTableAt(at, bits);
      // The id column as the CLI reads it: text, never numbers (`007` and `7` two ids).
      const d = await readCsvFile(path, data.length, { file: 'x.csv', delimiter: ',', text: ['id'] }, how);
      const values = (d.table.column('id') as unknown as { values?: unknown }).values;
      out.push({ kind: d.kinds.id, ids: cols(d).id, order: Array.isArray(values) ? [...values] : null });
    }
  } finally {
    setWasmTableAt(before);
  }
  return out;
}

// Ids that only their bytes tell apart: `007` and `7`, case, UTF-8, quoted ids with
// delimiters, quotes and line breaks, blanks, UUID-like values sharing a head.
const id = fc.oneof(
  fc.constantFrom('007', '7', 'a', 'A', 'é', 'e\u0301', '日本', '😀', ' ', '', 'x,y', 'say "hi"', 'two\nlines', 'cr\r\nlf'),
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.emailAddress(),
  fc.string({ unit: fc.constantFrom('a', 'B', 'é', '0', '-', '.'), minLength: 1, maxLength: 30 }),
);

function csv(ids: string[], eol: string): string {
  const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return ['id,v', ...ids.map((s, i) => `${field(s)},${i}`)].join(eol) + eol;
}

describe('readCsvFile: text ids through the WebAssembly hash table', () => {
  it('groups ids as a Map of their texts, the same values in the same order as the JS table, split or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(id, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 12, max: 200 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        async (pool, n, eol, headBytes, mainShare) => {
          const ids = Array.from({ length: n }, (_, i) => pool[(i * 7919) % pool.length]);
          const text = csv(ids, eol);
          const want = ids.map((s) => (s.trim() === '' ? null : s));
          for (const how of [{ runner: 'none' }, { runner: 'inline', splitBytes: 0, headBytes, mainShare, earlyMin: 1 }] as CsvFileOptions[]) {
            const [js, ...wasm] = await readIds(text, how);
            expect(js.ids).toEqual(want);
            for (const w of wasm) expect(w).toEqual(js);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
