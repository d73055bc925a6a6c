import { beforeAll, describe, expect, it } from 'vitest';
import { loadProgressBar, progressLine } from '../../src/load/progress.js';

beforeAll(() => loadProgressBar());

function fakeTerminal(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, columns: 60, write: (s: string) => void out.push(s) } };
}

/** What the terminal shows, escape sequences removed. */
const visible = (out: string[]): string => out.join('').replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/g, '');

describe('progressLine(label, total)', () => {
  it('writes nothing when stderr is not a terminal', () => {
    const { stream } = fakeTerminal(false);
    expect(progressLine('Reading x', 100, { stream })).toBeUndefined();
  });

  it('stays silent for the first second, then draws a bar with the bytes read, and clears it when done', () => {
    const { out, stream } = fakeTerminal(true);
    let now = 0;
    const p = progressLine('Reading events.csv', 351 << 20, { stream, now: () => now })!;
    p.update(10 << 20);
    now = 999;
    p.update(20 << 20);
    expect(out).toEqual([]);
    now = 1000;
    p.update(120 << 20);
    expect(visible(out)).toContain('Reading events.csv [');
    expect(visible(out)).toContain('34% | 120 MB / 351 MB');
    p.update(351 << 20);
    p.done();
    expect(visible(out)).toContain('100% | 351 MB / 351 MB');
    // Cleared: the last thing written erases the line.
    expect(out.at(-1)).toBe('\x1b[2K');
  });

  it('erases nothing when it never showed, and turns line wrapping off while a long line is shown', () => {
    const { out, stream } = fakeTerminal(true);
    let now = 0;
    const p = progressLine(`Reading ${'a'.repeat(80)}.csv`, 1 << 30, { stream, now: () => now })!;
    p.done();
    expect(out).toEqual([]);
    now = 5000;
    p.update(1 << 29);
    // The terminal clips the line instead of wrapping it (DECAWM off), and gets wrapping back.
    expect(out).toContain('\x1b[?7l');
    expect(visible(out)).toContain('50% | 512 MB / 1024 MB');
    p.done();
    expect(out).toContain('\x1b[?7h');
  });
});
