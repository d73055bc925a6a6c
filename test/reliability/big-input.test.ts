import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * A big input under a small JS heap (issue 11): the columns live in typed arrays outside
 * the heap, so a file far larger than --max-old-space-size loads. The size is 100 MB by
 * default so that the test runs in CI time; KOHORT_BIG_MB=1024 runs the 1 GB of the issue
 * (measured: 44.5M rows, exit 0 in 41 s, peak RSS 0.8 GB, on a shared 2-core machine).
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(`${root}dist/cli/main.js`);
const MB = Number(process.env.KOHORT_BIG_MB ?? 100);
const dir = mkdtempSync(path.join(tmpdir(), 'kohort-big-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Write about `mb` MB of activity (id, time, amount); returns the rows written. */
function writeBig(file: string, mb: number): number {
  const fd = openSync(file, 'w');
  writeSync(fd, 'id,time,amount\n');
  const t0 = Date.UTC(2023, 0, 1);
  const days = Array.from({ length: 730 }, (_, d) => new Date(t0 + d * 86400e3).toISOString().slice(0, 10));
  let bytes = 0;
  let i = 0;
  while (bytes < mb * (1 << 20)) {
    let s = '';
    for (let k = 0; k < 50_000; ++k, ++i) s += `C${(i * 7919) % 2_000_000},${days[(i * 31) % 730]},${(i % 997) / 10}\n`;
    bytes += writeSync(fd, s);
  }
  closeSync(fd);
  return i;
}

describe.skipIf(!built)('a big input under node --max-old-space-size=256', () => {
  it(`reads ${MB} MB of CSV and writes the matrix (exit 0)`, () => {
    const input = path.join(dir, 'big.csv');
    const rows = writeBig(input, MB);
    const out = path.join(dir, 'out.csv');
    const r = spawnSync(
      'node',
      ['--max-old-space-size=256', 'bin/kohort.js', 'matrix', input, '--id', 'id', '--time', 'time', '--format', 'tidy-csv', '--out', out],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.stderr).not.toMatch(/heap|internal error/);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`used ${rows.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} activity rows`);
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines[0]).toMatch(/^cohort,offset,cohort_size,active,value,complete/);
    // Every cohort's offset 0 is all of it.
    expect(lines[1]).toMatch(/^2023-01,0,(\d+),\1,1,true/);
  }, 120_000);
});
