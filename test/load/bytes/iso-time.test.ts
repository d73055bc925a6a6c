import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoOut, isoZoned, parseIsoAt, parseIsoBytes } from '../../../src/load/bytes/iso-time.js';
import { bytes } from '../helpers.js';

const two = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((v) => String(v).padStart(2, '0'));

/** ISO-like texts, mostly in the layouts the word-at-a-time path reads, some just off them. */
const isoLike = fc
  .tuple(
    fc.oneof(fc.integer({ min: 1890, max: 2210 }), fc.integer({ min: 0, max: 9999 })).map((y) => String(y).padStart(4, '0')),
    two(0, 13),
    two(0, 32),
    fc.option(
      fc.tuple(
        fc.constantFrom('T', ' ', 't', 'x', '_'),
        fc.oneof(two(0, 25), fc.integer({ min: 0, max: 9 }).map(String)),
        two(0, 61),
        fc.option(two(0, 61)),
        fc.option(fc.oneof(fc.stringMatching(/^\.\d{1,5}$/), fc.constantFrom('.', '.12a', ',500'))),
        fc.option(fc.constantFrom('Z', 'z', '+05:30', '-08:00', '+00:00', '-0800', '+01', ' UTC', ' Z', 'UTC', '+24:00', '+05:3', '+05:60', '-12:45', '+5:30')),
      ),
    ),
    // What follows the field: a delimiter, a line end, more digits or letters.
    fc.constantFrom(',', '\n', '\r\n', ';', '7', 'x', ' ', ''),
  )
  .map(([y, m, d, t, tail]) => {
    if (!t) return `${y}-${m}-${d}${tail}`;
    const [sep, h, mi, s, f, z] = t;
    return `${y}-${m}-${d}${sep}${h}:${mi}${s !== null ? `:${s}${f ?? ''}` : ''}${z ?? ''}${tail}`;
  });

/** Compare parseIsoAt with parseIsoBytes on `text` at offset `pad`, with `after` bytes of room after it. */
function sameAsBytes(text: string, pad: number, after: number, mutate: [number, number] | null): void {
  const body = bytes(text);
  const b = new Uint8Array(pad + body.length + after).fill(0x2c);
  b.set(body, pad);
  if (mutate !== null && body.length > 0) b[pad + (mutate[0] % body.length)] = mutate[1];
  const limit = b.length;
  const want = parseIsoBytes(b, pad, limit, false);
  const wantValue = isoOut[0];
  const wantZoned = isoZoned;
  const out = new Float64Array(3).fill(-7);
  const got = parseIsoAt(b, new DataView(b.buffer), pad, limit, out, 1);
  expect(got).toBe(want);
  if (want >= 0) {
    expect(out[1]).toBe(wantValue);
    expect(isoZoned).toBe(wantZoned);
  } else expect(out[1]).toBe(-7);
  expect(out[0]).toBe(-7);
  expect(out[2]).toBe(-7);
}

describe('parseIsoAt', () => {
  it('reads the common layouts word by word, as parseIsoBytes does', () => {
    const cases: [string, number, boolean][] = [
      ['2022-01-01 00:02:09,', Date.UTC(2022, 0, 1, 0, 2, 9), false],
      ['2024-02-29T23:59:59.125Z,', Date.UTC(2024, 1, 29, 23, 59, 59, 125), true],
      ['2022-06-01T08:15:30+05:30\n', Date.UTC(2022, 5, 1, 8, 15, 30) - 5.5 * 3_600_000, true],
      ['2022-06-01T08:15:30-08:00\n', Date.UTC(2022, 5, 1, 16, 15, 30), true],
      ['1999-12-31,', Date.UTC(1999, 11, 31), false],
    ];
    for (const [text, ms, zoned] of cases) {
      const b = new Uint8Array(64).fill(0x2c);
      b.set(bytes(text));
      const out = new Float64Array(1);
      expect(parseIsoAt(b, new DataView(b.buffer), 0, b.length, out, 0)).toBe(text.length - 1);
      expect(out[0]).toBe(ms);
      expect(isoZoned).toBe(zoned);
    }
  });

  it('gives the end, value and zone of parseIsoBytes on random ISO-like texts, near and far from the limit', () => {
    fc.assert(
      fc.property(
        isoLike,
        fc.integer({ min: 0, max: 7 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
        fc.option(fc.tuple(fc.nat(), fc.constantFrom(0x30, 0x39, 0x3a, 0x2d, 0x2f, 0x20, 0x54, 0x5a, 0x2e, 0x2b, 0xff, 0x00)), { freq: 3 }),
        (text, pad, after, mutate) => sameAsBytes(text, pad, after, mutate),
      ),
      { numRuns: 20_000 },
    );
  });

  it('gives the same as parseIsoBytes on runs of texts that share dates (the last-date cache)', () => {
    const day = fc.constantFrom('2022-01-01', '2022-01-02', '2024-02-29', '2023-02-29', '1999-12-31', '2022-1x-01');
    const rest = fc.constantFrom('', ' 00:02:09', 'T23:59:59Z', ' 10:00:00.250', 'T08:15:30+05:30', ' 7:00:00', 'x');
    fc.assert(
      fc.property(fc.array(fc.tuple(day, rest, fc.constantFrom(',', '\n')), { minLength: 1, maxLength: 12 }), (texts) => {
        for (const [d, r, tail] of texts) sameAsBytes(d + r + tail, 0, 40, null);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same as parseIsoBytes through long runs of dates out of order and in order (the cache left out and taken back)', () => {
    const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const texts: string[] = [];
    // Out of order (a file sorted by customer), then in order, then out of order again.
    for (let i = 0; i < 6000; ++i) texts.push(`${day((i * 7919) % 1500)} 0${i % 10}:15:00,`);
    for (let i = 0; i < 6000; ++i) texts.push(`${day(i >> 6)}T1${i % 10}:00:00Z,`);
    for (let i = 0; i < 300; ++i) texts.push(`${day((i * 31) % 700)} 12:00:00\n`, `${day(5)} 12:00:0${i % 10}\n`);
    for (const t of texts) sameAsBytes(t, 0, 40, null);
  });

  it('rejects texts that are no date (not written to out)', () => {
    for (const text of ['2022-02-30 00:00:00', '2022-13-01 00:00:00', '2022-01-01 24:00:00', '2022-01-01 10:60:00', 'abcd-ef-gh ij:kl:mn', '2022/01/01 00:00:00']) {
      sameAsBytes(text, 0, 40, null);
    }
  });
});
