import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrix, matrixAnalysis } from '../../../src/api/matrix.js';
import { survival, survivalAnalysis } from '../../../src/api/survival.js';
import { crr, crrAnalysis } from '../../../src/api/crr.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import type { LoadReport } from '../../../src/report/load-report.js';
import type { MatrixSpec } from '../../../src/spec/types.js';
import { survivalDifferences } from './same-churn.js';
import { matrixDifferences } from './same-matrix.js';
import { onEngine } from './same-on-engines.js';

// The load report is the user's account of their input: memory and DuckDB must tell the
// same story. Random activity (ids "007" and "7" apart, "A" and "a" apart, blank ids,
// ids missing from the customers table, blank times) and customers (blank ids and signups,
// customers without activity), with --where on either table and as-of inside the data:
// every count of the report and every number of the result are equal.

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const IDS = ['007', '7', 'A', 'a', 'c1', 'c2', 'x9', '', '  '];
const event = fc.record({
  id: fc.constantFrom(...IDS),
  day: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined, freq: 8 }),
  kind: fc.constantFrom('a', 'b'),
});
const customer = fc.record({
  id: fc.constantFrom('007', '7', 'A', 'a', 'c1', 'c2', 'c3', ''),
  signup: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined, freq: 6 }),
  life: fc.option(fc.integer({ min: -10, max: 90 }), { nil: undefined }),
  channel: fc.constantFrom('ads', 'seo'),
});
type Event = { id: string; day?: number; kind: string };
type Customer = { id: string; signup?: number; life?: number; channel: string };
const shape = fc.record({
  customers: fc.boolean(),
  anchor: fc.constantFrom('signup' as const, 'first-activity' as const),
  mode: fc.constantFrom('classic' as const, 'unbounded' as const, 'survival' as const),
  where: fc.constantFrom<string[][]>([], ['kind = a'], ['channel = ads'], ['kind = b', 'channel = seo']),
  asOf: fc.option(fc.integer({ min: 20, max: 130 }), { nil: undefined }),
});
type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

let dir: string;
let conn: SqlConnection;
let files = 0;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-report-props-'));
  conn = await duckdbConnection();
});
afterAll(async () => conn?.close());

const day = (n: number): string => new Date(START + n * DAY).toISOString().slice(0, 10);

/** The CSV files; a first row of each keeps every column typed (never all blank). */
function write(events: Event[], customers: Customer[]): { activity: string; customers: string } {
  const n = files++;
  const ev = [{ id: 'c1', day: 1, kind: 'a' }, ...events];
  const cs = [{ id: 'c1', signup: 0, life: 30, channel: 'ads' }, ...customers];
  // Unique customer ids: the first row of each id (SQL engines take a table's ids as unique).
  const seen = new Set<string>();
  const unique = cs.filter((c) => c.id === '' || (!seen.has(c.id) && seen.add(c.id)));
  const q = (s: string): string => `"${s}"`;
  const eLines = ev.map((e) => [q(e.id), e.day === undefined ? '' : day(e.day), e.kind].join(','));
  const cLines = unique.map((c) => [q(c.id), c.signup === undefined ? '' : day(c.signup), c.life === undefined || c.signup === undefined ? '' : day(c.signup + c.life), c.channel].join(','));
  const activity = path.join(dir, `a${n}.csv`);
  const customersFile = path.join(dir, `c${n}.csv`);
  writeFileSync(activity, `id,time,kind\n${eLines.join('\n')}\n`);
  writeFileSync(customersFile, `id,signup_at,churned_at,channel\n${cLines.join('\n')}\n`);
  return { activity, customers: customersFile };
}

function specOf(s: Shape, input: { activity: string; customers: string }): MatrixSpec {
  const withCustomers = s.customers || s.where.some((w) => w.startsWith('channel'));
  const signup = withCustomers && s.anchor === 'signup';
  return {
    input: withCustomers ? input : { activity: input.activity },
    columns: { id: 'id', time: 'time', ...(signup ? { signup: 'signup_at' } : {}), ...(s.mode === 'survival' && withCustomers ? { churn: 'churned_at' } : {}) },
    anchor: signup ? 'signup' : 'first-activity',
    mode: s.mode,
    ...(s.mode === 'survival' && !withCustomers ? { inactiveAfter: '20d' } : {}),
    cohort: ['month'],
    where: s.where,
    ...(s.asOf === undefined ? {} : { asOf: day(s.asOf) }),
  };
}

/** The memory engine's error code, or its result. */
async function attempt<T>(f: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; code: string }> {
  try {
    return { ok: true, value: await f() };
  } catch (err) {
    return { ok: false, code: String((err as { code?: string }).code ?? (err as Error).message) };
  }
}

/** The parts of a matrix load report both engines fill (the file list aside: same names, same rows). */
const counts = (r: LoadReport) => ({
  files: r.files, rowsRead: r.rowsRead, rowsUsed: r.rowsUsed, excluded: r.excluded, customers: r.customers,
  latestActivity: r.latestActivity, rejects: r.rejects?.rows, warnings: r.warnings, churn: r.churn,
});

describe('the load report: memory = DuckDB on random inputs (fast-check)', () => {
  it('matrix: every exclusion count, the customers counts and the numbers are equal', async () => {
    let seenUnknown = 0;
    let seenFiltered = 0;
    let seenLeftOut = 0;
    let seenChurn = 0;
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 40 }), fc.array(customer, { maxLength: 10 }), shape, async (evs, cs, s) => {
        const spec = specOf(s, write(evs, cs));
        const mem = await attempt(() => matrix(spec));
        const sql = await attempt(() => onEngine(conn, matrixAnalysis, spec));
        expect(sql.ok ? 'ok' : sql.code).toBe(mem.ok ? 'ok' : mem.code);
        if (!mem.ok || !sql.ok) return;
        expect(matrixDifferences(mem.value, sql.value)).toEqual([]);
        const a = mem.value.report;
        expect(counts(sql.value.report)).toEqual(counts(a));
        // Every row is used or counted under one reason.
        const left = Object.entries(a.excluded).reduce((t, [k, v]) => t + (k === 'badTimeRows' ? 0 : (v as number)), 0);
        expect(a.rowsUsed + left).toBe(a.rowsRead);
        seenUnknown += a.excluded.unknownCustomer;
        seenFiltered += a.excluded.filtered;
        seenLeftOut += a.excluded.customerLeftOut;
        seenChurn += Math.min(a.churn?.churnBeforeAnchor ?? 0, 1) + Math.min(a.churn?.churnAfterAsOf ?? 0, 1);
        compared++;
      }),
      { numRuns: 100, seed: 20261206 },
    );
    // The generator reaches the counts this test is about, and most runs compare results.
    expect(Math.min(seenUnknown, seenFiltered, seenLeftOut, seenChurn)).toBeGreaterThan(0);
    expect(compared).toBeGreaterThan(50);
  }, 300_000);

  it('survival matrix anchored on first activity: churn before the first activity and after as-of, counted as memory counts them', async () => {
    // c1 churns after as-of; 7 churns before its first activity; 007 churns in range; a is filtered out.
    const input = write(
      [{ id: '7', day: 20, kind: 'a' }, { id: '007', day: 5, kind: 'a' }, { id: 'a', day: 6, kind: 'a' }, { id: 'x9', day: 7, kind: 'a' }],
      [{ id: '7', signup: 0, life: 10, channel: 'ads' }, { id: '007', signup: 0, life: 10, channel: 'ads' }, { id: 'a', signup: 0, life: 1, channel: 'seo' }],
    );
    const spec: MatrixSpec = { input, columns: { id: 'id', time: 'time', churn: 'churned_at' }, anchor: 'first-activity', mode: 'survival', cohort: ['month'], where: ['channel = ads'], asOf: day(25) };
    const mem = await matrix(spec);
    const sql = await onEngine(conn, matrixAnalysis, spec);
    expect(mem.report.churn).toEqual({ churned: 1, churnAfterAsOf: 1, churnBeforeAnchor: 1, badChurn: 0 });
    expect(counts(sql.report)).toEqual(counts(mem.report));
    expect(mem.report.excluded).toMatchObject({ unknownCustomer: 1, filtered: 1, customerLeftOut: 1 });
  });

  it('survival and CRR: the activity part and the customers counts of the report are equal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 40 }), fc.array(customer, { maxLength: 10 }), shape, async (evs, cs, s) => {
        const input = write(evs, cs);
        const withCustomers = s.customers || s.where.some((w) => w.startsWith('channel'));
        const signup = withCustomers && s.anchor === 'signup';
        const spec = {
          input: withCustomers ? input : { activity: input.activity },
          columns: { id: 'id', time: 'time', ...(signup ? { signup: 'signup_at' } : {}), ...(withCustomers ? { churn: 'churned_at' } : {}) },
          ...(withCustomers ? {} : { inactiveAfter: '20d' }),
          where: s.where,
          ...(s.asOf === undefined ? {} : { asOf: day(s.asOf) }),
        };
        const mem = await attempt(() => survival(spec));
        const sql = await attempt(() => onEngine(conn, survivalAnalysis, spec));
        expect(sql.ok ? 'ok' : sql.code).toBe(mem.ok ? 'ok' : mem.code);
        if (!mem.ok || !sql.ok) return;
        expect(survivalDifferences(mem.value, sql.value)).toEqual([]);
        expect(sql.value.report.activity).toEqual(mem.value.report.activity);
        expect(sql.value.report.customers).toEqual(mem.value.report.customers);
        const memCrr = await attempt(() => crr(spec));
        const sqlCrr = await attempt(() => onEngine(conn, crrAnalysis, spec));
        expect(sqlCrr.ok ? 'ok' : sqlCrr.code).toBe(memCrr.ok ? 'ok' : memCrr.code);
        if (!memCrr.ok || !sqlCrr.ok) return;
        expect(sqlCrr.value.report.activity).toEqual(memCrr.value.report.activity);
        expect(sqlCrr.value.report.customers).toEqual(memCrr.value.report.customers);
      }),
      { numRuns: 40, seed: 20261206 },
    );
  }, 300_000);
});
