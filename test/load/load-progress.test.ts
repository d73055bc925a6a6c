import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFile } from '../../src/load/load-file.js';

// No loadProgressBar() here: loadFile must load the bar's library itself before a plain
// CSV's synchronous parse, or the bar never shows (issue 12, item 9).
const stderr = process.stderr as NodeJS.WriteStream & { isTTY: boolean };
const original = { isTTY: stderr.isTTY, write: stderr.write };
afterEach(() => {
  stderr.isTTY = original.isTTY;
  stderr.write = original.write;
});

function capture(isTTY: boolean): string[] {
  const out: string[] = [];
  stderr.isTTY = isTTY;
  stderr.write = ((s: string) => (out.push(String(s)), true)) as typeof stderr.write;
  return out;
}

describe('loadFile(path.csv) progress', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kohort-progress-'));
  const path = join(dir, 'events.csv');
  writeFileSync(path, `id,time\n${Array.from({ length: 5000 }, (_, i) => `c${i},2024-01-${String((i % 28) + 1).padStart(2, '0')}`).join('\n')}\n`);

  it('draws a bar on a terminal for a plain CSV', async () => {
    const out = capture(true);
    const d = await loadFile(path, { progressDelayMs: 0 });
    stderr.write = original.write;
    expect(d.rowsRead).toBe(5000);
    expect(out.join('')).toContain('Reading events.csv [');
  });

  it('writes nothing on a pipe', async () => {
    const out = capture(false);
    await loadFile(path, { progressDelayMs: 0 });
    stderr.write = original.write;
    expect(out).toEqual([]);
  });
});

describe('statusLine(label)', () => {
  it('writes the label on a terminal and clears it when done; nothing elsewhere', async () => {
    const { statusLine } = await import('../../src/load/progress.js');
    const out: string[] = [];
    const s = statusLine('Computing the retention matrix', { stream: { isTTY: true, write: (t: string) => out.push(t) } })!;
    s.done();
    expect(out).toEqual(['Computing the retention matrix ...', '\r\x1b[2K']);
    expect(statusLine('x', { stream: { isTTY: false, write: () => true } })).toBeUndefined();
  });
});
