import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/load/progress.js';

function fakeTerminal(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, columns: 60, write: (s: string) => void out.push(s) } };
}

describe('progressLine(label, total)', () => {
  it('writes nothing when stderr is not a terminal', () => {
    const { stream } = fakeTerminal(false);
    expect(progressLine('Reading x', 100, { stream })).toBeUndefined();
  });

  it('stays silent for the first second, then rewrites one line at most ten times a second, and erases it', () => {
    const { out, stream } = fakeTerminal(true);
    let now = 0;
    const p = progressLine('Reading events.csv', 351 << 20, { stream, now: () => now })!;
    p.update(10 << 20);
    now = 999;
    p.update(20 << 20);
    expect(out).toEqual([]);
    now = 1000;
    p.update(120 << 20);
    now = 1050;
    p.update(130 << 20);
    now = 1200;
    p.update(351 << 20);
    expect(out).toEqual([
      '\rReading events.csv: 120 MB / 351 MB (34%)\x1b[K',
      '\rReading events.csv: 351 MB / 351 MB (100%)\x1b[K',
    ]);
    p.done();
    expect(out.at(-1)).toBe('\r\x1b[K');
  });

  it('erases nothing when it never showed, and keeps a long line within the terminal width', () => {
    const { out, stream } = fakeTerminal(true);
    let now = 0;
    const p = progressLine(`Reading ${'a'.repeat(80)}.csv`, 1 << 30, { stream, now: () => now })!;
    p.done();
    expect(out).toEqual([]);
    now = 5000;
    p.update(1 << 29);
    expect(out[0].length).toBeLessThanOrEqual(1 + 59 + 3);
    expect(out[0]).toContain('512 MB / 1024 MB (50%)');
  });
});
