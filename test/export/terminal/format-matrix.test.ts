import { afterEach, describe, expect, it, vi } from 'vitest';
import { xterm256 } from '../../../src/export/terminal/ansi.js';
import { formatCrr } from '../../../src/export/terminal/format-crr.js';
import { formatMatrix } from '../../../src/export/terminal/format-matrix.js';
import { formatSurvival } from '../../../src/export/terminal/format-survival.js';
import { fixtureCrr, fixtureMatrix, fixtureSurvival } from '../html/fixtures.js';
import { weeklyActivity } from '../html/weekly-fixture.js';
import { retention } from '../../../src/api/matrix.js';

const ANSI = /\x1b\[[0-9;]*m/g;
const plain = (s: string): string => s.replace(ANSI, '');

describe('xterm256', () => {
  it('maps colours to the nearest of the cube and the grey ramp', () => {
    expect(xterm256([0, 0, 0])).toBe(16);
    expect(xterm256([255, 255, 255])).toBe(231);
    expect(xterm256([95, 135, 175])).toBe(16 + 36 * 1 + 6 * 2 + 3);
    expect(xterm256([128, 128, 128])).toBe(244);
  });
});

describe('formatMatrix', () => {
  const r = fixtureMatrix();

  it('without colour: aligned columns, sizes, the average row and a one-line legend, no escape codes', () => {
    const out = formatMatrix(r);
    expect(out).not.toMatch(ANSI);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^cohort\s+size\s+0\s+1\s+2\s+3\s+4$/);
    expect(lines[2]).toBe('2024-01     3  100.0%   66.7%  33.3%  33.3%  33.3%');
    expect(lines.at(-2)).toMatch(/^average\s+100\.0%\s+66\.7%\s+55\.6%/);
    expect(lines.at(-1)).toBe('classic retention: % of cohort by month since signup; blank = not yet observed (as of 2024-06-01), not 0');
  });

  it('with colour: 256-colour backgrounds on value cells, the same text once codes are stripped', () => {
    const out = formatMatrix(r, { colour: true });
    expect(out).toMatch(/\x1b\[48;5;\d+m\x1b\[38;5;(16|231)m  66\.7%\x1b\[0m/);
    const lines = plain(out).split('\n');
    expect(lines[2]).toBe(plain(formatMatrix(r)).split('\n')[2]);
    expect(lines.at(-2)).toMatch(/^ {11}0-100% classic retention: of cohort by month since signup/);
  });

  it('truncates a wide matrix to the width with a note, never wrapping', () => {
    const weekly = retention(weeklyActivity(60, 5), { cohort: ['week'], period: 'week' });
    const out = formatMatrix(weekly, { colour: true, width: 100 });
    const lines = plain(out).trimEnd().split('\n');
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(100);
    expect(lines.find((l) => l.startsWith('offsets'))).toMatch(/^offsets \d+-59 cut to fit 100 columns/);
    expect(plain(formatMatrix(weekly)).split('\n')[0].length).toBeGreaterThan(300);
  });

  it('wraps the notes at words on a narrow terminal: the advice is whole, nothing cut with …', () => {
    const weekly = retention(weeklyActivity(60, 5), { cohort: ['week'], period: 'week' });
    for (const colour of [false, true]) {
      const lines = plain(formatMatrix(weekly, { colour, width: 40 })).trimEnd().split('\n');
      for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(40);
      const notes = lines.slice(lines.findIndex((l) => l.startsWith('average')) + 1).map((l) => l.trim()).join(' ');
      expect(notes).not.toContain('…');
      expect(notes).toContain('blank = not yet observed (as of');
      expect(notes).toMatch(/cut to fit 40 columns: widen the terminal, or use --max-offset or --format csv\/html$/);
    }
  });
});

describe('formatSurvival and formatCrr in the same style', () => {
  it('colour only the S(t) and CRR cells', () => {
    const s = formatSurvival(fixtureSurvival(), { colour: true });
    expect(plain(s)).toBe(formatSurvival(fixtureSurvival()));
    expect(s).toMatch(/\x1b\[48;5;\d+m\x1b\[38;5;\d+m0\.6000\x1b\[0m/);
    const c = formatCrr(fixtureCrr(), { colour: true });
    expect(plain(c)).toBe(formatCrr(fixtureCrr()));
    expect(c).toMatch(/\x1b\[48;5;\d+m\x1b\[38;5;\d+m\s*80\.0%\x1b\[0m/);
  });
});

describe('formatMatrix, formatSurvival, formatCrr: counts', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  it('write whole counts with thousands, never toLocaleString (a run\'s first call loads ICU, 16-20 ms)', () => {
    const spy = vi.spyOn(Number.prototype, 'toLocaleString');
    formatMatrix(fixtureMatrix());
    formatSurvival(fixtureSurvival());
    formatCrr(fixtureCrr());
    expect(spy).not.toHaveBeenCalled();
  });
});
