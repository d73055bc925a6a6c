import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { messageText } from '../src/errors.js';
import { churnMessages } from '../src/messages/churn-messages.js';
import { inputMessages } from '../src/messages/input-messages.js';
import { sqlMessages } from '../src/messages/sql-messages.js';
import { timeMessages } from '../src/messages/time-messages.js';
import { usageMessages } from '../src/messages/usage-messages.js';
import { counted, grouped, messages, thousands, type MessageCode } from '../src/messages.js';

describe('MESSAGES.filterNotNumber', () => {
  it('says how to write a date a time filter reads, since "1/2/2024" is a date to its writer', () => {
    const text = messageText('filterNotNumber', { value: '1/2/2024', kind: 'timestamp' }, { file: 'e.csv', column: 'time' });
    expect(text).toBe('e.csv, column "time": where compares a timestamp column with "1/2/2024", which is not a date kohort reads in a filter: write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ');
    expect(messageText('filterNotNumber', { value: 'abc', kind: 'number' })).toBe('where compares a number column with "abc", which is not a number');
  });
});

describe('counted(count, one, many)', () => {
  it('gives the singular for exactly one and the plural otherwise, the count grouped', () => {
    expect(counted(1, 'row')).toBe('1 row');
    expect(counted(0, 'row')).toBe('0 rows');
    expect(counted(2, 'row has', 'rows have')).toBe('2 rows have');
    expect(counted(1, 'row has', 'rows have')).toBe('1 row has');
    expect(counted(1200, 'analysis', 'analyses')).toBe('1,200 analyses');
  });
});

describe('thousands(x)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes every number as toLocaleString("en-US") does', () => {
    const fixed = [0, -0, 1, -1, 7, 999, 1000, -1000, 12345, 999999, 1000000, -1234567, 10_000_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, 1.5, -0.25, 1234.5678, NaN, Infinity, -Infinity];
    for (const x of fixed) expect(thousands(x)).toBe(x.toLocaleString('en-US'));
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double()), (x) => thousands(x) === x.toLocaleString('en-US')), { numRuns: 2000 });
  });

  it('writes whole numbers (counted, the load report) without toLocaleString, whose first call loads ICU', () => {
    vi.spyOn(Number.prototype, 'toLocaleString').mockImplementation(() => {
      throw new Error('toLocaleString called');
    });
    expect(thousands(10_000_000)).toBe('10,000,000');
    expect(counted(1_000_000, 'customer')).toBe('1,000,000 customers');
    expect(thousands(-1234)).toBe('-1,234');
  });
});

describe('messages with a count of one', () => {
  const one: [MessageCode, object][] = [
    ['tooManyRejects', { count: 1, rows: 1, limit: '0', value: 'x', reason: 'is not a date', listed: false }],
    ['nullReasons', { count: 1, example: 'NULL' }],
    ['columnCountMismatch', { given: 1, found: 1 }],
    ['raggedRow', { expected: 1, found: 2 }],
    ['noIdMatches', { rows: 1, activityExample: 'a', customersExample: 'b' }],
    ['paddedIds', { count: 1, example: ' a', merged: 1 }],
    ['unknownIdsStrict', { count: 1, example: 'a' }],
    ['dateFormatMostlyUnreadable', { format: 'YYYYMMDD', bad: 1, present: 1, rows: [1] }],
    ['noCustomers', { read: 1, left: { missingId: 1 } }],
    ['noActivity', { rows: 1, left: { missingTime: 1 } }],
    ['sqlDuplicateIds', { column: 'id', count: 1, engine: 'ClickHouse', relation: 'table' }],
    ['noRevenueBase', { count: 1, names: ['2024-01'], mode: 'revenue', rolling: false }],
  ];
  it.each(one)('%s says "1 row", "1 customer", never "1 rows"', (code, params) => {
    const text = messageText(code, params as never);
    expect(text).not.toMatch(/(^|[^\d,.])1 ([a-z-]+ )?(rows|customers|cohorts|ids|values|fields|columns|groups|answers|scores)\b/);
    expect(text).toMatch(/(^|[^\d,.])1 ([a-z-]+ )?(row|customer|cohort|id|value|field|column|group)\b/);
  });

  it('agrees the verb with the count', () => {
    expect(messageText('nullReasons', { count: 1, example: 'NULL' })).toMatch(/^1 churned customer has a reason/);
    expect(messageText('unknownIdsStrict', { count: 1, example: 'a' })).toMatch(/^1 activity id has no row/);
    expect(messageText('unknownIdsStrict', { count: 2, example: 'a' })).toMatch(/^2 activity ids have no row/);
    expect(messageText('sqlDuplicateIds', { column: 'id', count: 1, engine: 'ClickHouse', relation: 'table' })).toMatch(/^1 row repeats an id/);
    expect(messageText('tooManyRejects', { count: 1, rows: 3, limit: '0', value: 'x', reason: 'is not a date', listed: true })).toBe(
      '"x" is not a date; unreadable values in 1 of 3 rows, more than maxRejects 0 (listed in the rejects file)',
    );
  });
});

describe('grouped(x, digits)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes every number as toLocaleString("en-US") with that many decimals does', () => {
    const intl = (x: number, d: number): string => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
    const fixed = [0, -0, 1, -1, 0.005, 0.125, -0.125, 1.005, 999.995, 1000, -1234.5678, 1234567.891, 2 ** 53, 1e20, 1e21, -1e22, NaN, Infinity, -Infinity, -0.001];
    for (const x of fixed) for (const d of [0, 1, 2]) expect(grouped(x, d), `${x} ${d}`).toBe(intl(x, d));
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.double(), fc.double({ min: -1e7, max: 1e7 })), fc.integer({ min: 0, max: 4 }), (x, d) => grouped(x, d) === intl(x, d)), { numRuns: 3000 });
  });

  it('writes finite amounts without toLocaleString', () => {
    vi.spyOn(Number.prototype, 'toLocaleString').mockImplementation(() => {
      throw new Error('toLocaleString called');
    });
    expect(grouped(1234567.891, 2)).toBe('1,234,567.89');
    expect(grouped(-75, 2)).toBe('-75.00');
  });
});

describe('messages (the catalogue of src/messages/*-messages.ts)', () => {
  it('holds every part\'s entries, no code in two parts (a spread would silently keep the last)', () => {
    const codes = [usageMessages, inputMessages, timeMessages, churnMessages, sqlMessages].flatMap((part) => Object.keys(part));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.sort()).toEqual(Object.keys(messages).sort());
  });
});
