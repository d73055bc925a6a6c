import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnKeys } from '../../../../src/engine/memory/prepare/column-keys.js';
import { smallestTiedKeys } from '../../../../src/engine/memory/prepare/smallest-tied-keys.js';
import { runCli } from '../../../cli/run-cli.js';
import { mulberry32 } from '../../../seeded-random.js';

describe('smallestTiedKeys(keys, k, first, anchor)', () => {
  it('gives each customer the smallest value text among its events at its first instant, missing values aside', () => {
    // Events (customer, time, value): 0 ties "9", "10", "DE"; 1 ties "é", "de", null; 2 has "Z" later only; 3 is not in the run.
    const value = ['9', '10', 'DE', 'é', null, 'de', 'Z', 'A', 'A'];
    const customer = Int32Array.of(0, 0, 0, 1, 1, 1, 2, 2, 3);
    const time = Float64Array.of(5, 5, 5, 7, 7, 7, 1, 2, 3);
    const k = columnKeys(value);
    const firstEvent = Int32Array.of(0, 3, 6, 8);
    const keys = Int32Array.from(firstEvent, (i) => (value[i] === null ? -1 : k.keys[i]));
    keys[3] = -1;
    const anchor = Float64Array.of(5, 7, 1, NaN);
    smallestTiedKeys(keys, k, { events: { n: 9, customer, time, row: Int32Array.from({ length: 9 }, (_, i) => i) }, firstEvent }, anchor);
    // Byte order of the texts, as SQL's min(): "10" < "9" < "DE"; "de" < "é"; 2 keeps its first; 3 (out of the run) stays none.
    expect(Array.from(keys, (key) => (key < 0 ? null : k.value(key)))).toEqual(['10', 'de', 'Z', null]);
  });
});

describe('activity attributes of customers whose first rows tie in time (matrix, survival, compare, value)', () => {
  it('do not depend on the order of the rows, and are the same on memory and --engine duckdb', async () => {
    // Date-only activity: a customer's first day often has several rows, with different countries and tiers.
    const rnd = mulberry32(29);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
    const rows: string[] = [];
    for (let i = 1; i <= 120; ++i) {
      const day = String(1 + Math.floor(rnd() * 20)).padStart(2, '0');
      for (let j = 1 + Math.floor(rnd() * 3); j > 0; --j) rows.push(`c${i},2024-01-${day},${pick(['FR', 'DE', 'é', 'de', '', '""', '"  "'])},${pick(['9', '10', '2', ''])},${(rnd() * 50).toFixed(2)}`);
      for (let m = 2; m <= 4; ++m) if (rnd() < 0.6) rows.push(`c${i},2024-0${m}-${day},UK,1,5.00`);
    }
    const shuffled = [...rows];
    for (let i = shuffled.length - 1; i > 0; --i) {
      const j = Math.floor(rnd() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-ties-'));
    const files = [rows, shuffled, [...rows].reverse()].map((r, i) => {
      const file = path.join(dir, `ties-${i}.csv`);
      writeFileSync(file, `id,time,country,tier,amount\n${r.join('\n')}\n`);
      return file;
    });
    const commands = [
      ['matrix', '--cohort', 'country,tier'],
      ['survival', '--inactive-after', '30d', '--by', 'tier'],
      ['compare', '--inactive-after', '30d', '--by', 'country'],
      ['value', '--inactive-after', '30d', '--by', 'country', '--amount', 'amount'],
    ];
    for (const [command, ...args] of commands) {
      const outs: string[] = [];
      for (const file of files) {
        for (const engine of ['memory', 'duckdb']) {
          const r = await runCli([command, file, ...args, '--engine', engine, '--format', 'csv', '-q']);
          expect(r.code, r.stderr).toBe(0);
          outs.push(r.stdout);
        }
      }
      expect(outs[0].split('\n').length, command).toBeGreaterThan(3);
      for (const o of outs) expect(o, command).toBe(outs[1]);
    }
  }, 120_000);
});
