import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrix } from '../../../src/api/matrix.js';
import { duckdbConnection } from '../../../src/engine/sql/connections/duckdb-connection.js';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { describeSources, matrixQuery, resolveAsOf, sqlSchema } from '../../../src/engine/sql/execute-matrix-sql.js';
import { plan } from '../../../src/plan/matrix-plan.js';
import { normalize } from '../../../src/spec/normalize.js';
import type { MatrixSpec } from '../../../src/spec/types.js';
import { matrixDifferences, matrixViaSql } from './same-matrix.js';

// Random customers and activity: the memory engine and DuckDB give the same matrix and the
// same load report (rows used, rows before the anchor). On DuckDB a customer's active
// periods travel as one bit set when at most 64 periods lie between the first activity
// and as-of (matrix-sql.ts activeBits); activity before the signup makes the follow-up
// query that counts those rows; longer spans (days over months) take the per-period SQL.
const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);
const customer = fc.record({
  channel: fc.constantFrom('ads', 'seo', ''),
  signup: fc.integer({ min: 0, max: 1 }).chain((wide) => fc.integer({ min: 0, max: wide ? 400 : 40 })),
  life: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
});
const event = fc.record({
  who: fc.integer({ min: 0, max: 30 }), // some ids are not in the customers table
  // Relative to the customer's signup: negative = activity before the signup.
  at: fc.integer({ min: -45, max: 420 }),
  hour: fc.integer({ min: 0, max: 23 }),
});
type Customer = { channel: string; signup: number; life?: number };
type Event = { who: number; at: number; hour: number };

let dir: string;
let conn: SqlConnection;
let files = 0;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kohort-matrix-props-'));
  conn = await duckdbConnection();
});
afterAll(async () => conn?.close());

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
function write(customers: Customer[], events: Event[]): { activity: string; customers: string } {
  const n = files++;
  // Customer 0 signs up first, is active at once and churns, so no table or column is empty
  // (DuckDB reads a CSV column of blanks as text, which no churn time can be).
  const cs: Customer[] = [{ channel: 'ads', signup: 0, life: 100 }, ...customers];
  const ev: Event[] = [{ who: 0, at: 0, hour: 1 }, ...events];
  const signupMs = (i: number): number => START + (cs[i % cs.length].signup ?? 0) * DAY;
  const cLines = cs.map((c, i) => [`c${i}`, c.channel, iso(START + c.signup * DAY + 9 * 3600_000), c.life === undefined ? '' : iso(START + (c.signup + c.life) * DAY)].join(','));
  // Ids past the customers table stay unknown customers (their activity has no cohort with a customers table).
  const eLines = ev.map((e) => [`c${e.who}`, iso(signupMs(e.who) + e.at * DAY + e.hour * 3600_000)].join(','));
  const customersFile = path.join(dir, `c${n}.csv`);
  const activityFile = path.join(dir, `a${n}.csv`);
  writeFileSync(customersFile, `id,channel,signup_at,churned_at\n${cLines.join('\n')}\n`);
  writeFileSync(activityFile, `id,time\n${eLines.join('\n')}\n`);
  return { activity: activityFile, customers: customersFile };
}

const shape = fc.record({
  anchor: fc.constantFrom('signup' as const, 'first-activity' as const),
  mode: fc.constantFrom('classic' as const, 'unbounded' as const, 'survival' as const, 'inferred' as const),
  rolling: fc.boolean(),
  cohort: fc.constantFrom(['month', 'channel'], ['channel'], ['week']),
  period: fc.constantFrom('month' as const, 'week' as const, 'day' as const),
  tz: fc.constantFrom('UTC', 'Europe/Berlin'),
  asOf: fc.option(fc.integer({ min: 20, max: 420 }), { nil: undefined }),
});
type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

function specOf(s: Shape, input: { activity: string; customers: string }): MatrixSpec {
  const mode = s.mode === 'inferred' ? 'survival' : s.mode;
  return {
    input,
    columns: { id: 'id', time: 'time', ...(s.anchor === 'signup' ? { signup: 'signup_at' } : {}), ...(s.mode === 'survival' ? { churn: 'churned_at' } : {}) },
    anchor: s.anchor,
    mode,
    ...(s.mode === 'inferred' ? { inactiveAfter: '30d' } : {}),
    ...(s.rolling ? { completeness: 'rolling' as const } : {}),
    cohort: [...s.cohort],
    period: s.period,
    tz: s.tz,
    ...(s.asOf === undefined ? {} : { asOf: iso(START + s.asOf * DAY + 13 * 3600_000) }),
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

describe('matrix: memory = DuckDB on random customers and activity (fast-check)', () => {
  it('gives the same cells, sizes and rows used and before the anchor', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(customer, { maxLength: 25 }), fc.array(event, { maxLength: 80 }), shape, async (cs, evs, s) => {
        const spec = specOf(s, write(cs, evs));
        const mem = await attempt(() => matrix(spec));
        const sql = await attempt(() => matrixViaSql(conn, spec));
        expect(sql.ok ? 'ok' : sql.code).toBe(mem.ok ? 'ok' : mem.code);
        if (!mem.ok || !sql.ok) return;
        expect(matrixDifferences(mem.value, sql.value)).toEqual([]);
        const { report: a } = mem.value;
        const { report: b } = sql.value;
        expect([b.rowsUsed, b.excluded.beforeAnchor, b.customers.inCohorts]).toEqual([a.rowsUsed, a.excluded.beforeAnchor, a.customers.inCohorts]);
      }),
      { numRuns: 60, seed: 20261205 },
    );
  }, 300_000);

  it('keeps active periods as bits within 64 periods, else one row per customer and period', async () => {
    const input = write([{ channel: 'seo', signup: 30 }], [{ who: 1, at: -40, hour: 3 }, { who: 1, at: 100, hour: 3 }]);
    const sqlOf = async (spec: MatrixSpec): Promise<string> => {
      const src = await describeSources(conn, spec.input);
      const p = plan(normalize(spec, sqlSchema(src)));
      const { asOf, first } = await resolveAsOf(conn, p, src);
      return matrixQuery(conn, p, src, asOf, { firstActivity: first });
    };
    const months = specOf({ anchor: 'signup', mode: 'classic', rolling: true, cohort: ['channel'], period: 'month', tz: 'UTC', asOf: undefined }, input);
    expect(await sqlOf(months)).toMatch(/bit_or/);
    expect(await sqlOf({ ...months, period: 'day' })).not.toMatch(/bit_or/);
    expect(await sqlOf({ ...months, columns: { ...months.columns, amount: 'id' }, mode: 'revenue' })).not.toMatch(/bit_or/);
    // Activity 40 days before the signup: counted apart, as the memory engine does.
    const r = await matrixViaSql(conn, months);
    const m = await matrix(months);
    expect(r.report.excluded.beforeAnchor).toBe(1);
    expect([r.report.rowsUsed, r.report.excluded.beforeAnchor]).toEqual([m.report.rowsUsed, m.report.excluded.beforeAnchor]);
  });
});
