import * as aq from 'arquero';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executeMatrix } from '../../../../src/engine/memory/matrix/execute-matrix.js';
import { inputSchema, type InputTables } from '../../../../src/load/input-tables.js';
import { datasetFromTable } from '../../../../src/load/from-table.js';
import { plan } from '../../../../src/plan/matrix-plan.js';
import { normalize } from '../../../../src/spec/normalize.js';
import type { MatrixSpec } from '../../../../src/spec/types.js';

const DAY = 86_400_000;
const START = Date.UTC(2023, 9, 20); // spans the October DST change in Europe

/** A row: customer (-1 = missing id, 99 = unknown to the customers table), day, hour, amount, time kind. */
type Row = [number, number, number, number, number];
const rows = fc.array(
  fc.tuple(
    fc.integer({ min: -1, max: 12 }),
    fc.integer({ min: 0, max: 200 }),
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: -5, max: 50 }),
    fc.integer({ min: 0, max: 20 }),
  ),
  { minLength: 1, maxLength: 80 },
);

/** Customer c's id in a shape: text, a number, a uuid, or text padded with spaces in the activity (trimmed, it is the same id). */
function idOf(c: number, shape: string, activity: boolean): string | number {
  if (shape === 'int') return 17850 + c * 7;
  if (shape === 'uuid') return `${(c * 2654435761 % 4294967296).toString(16).padStart(8, '0')}-7c1e-4b2a-9d3f-${String(c).padStart(12, '0')}`;
  if (shape === 'padded' && activity) return c % 2 ? ` c${c} ` : `c${c}`;
  return `c${c}`;
}

function inputs(rs: Row[], withCustomers: boolean, shift = 0, shape = 'text'): InputTables {
  const time = (r: Row): string | null => {
    if (r[4] === 0) return null;
    if (r[4] === 1) return 'not a time';
    return new Date(START + r[1] * DAY + r[2] * 3_600_000).toISOString();
  };
  const activity = aq.table({
    id: rs.map((r) => (r[0] < 0 ? null : r[0] === 12 ? 'x99' : idOf(r[0], shape, true))),
    time: rs.map(time),
    amount: rs.map((r) => (r[3] < 0 ? null : r[3])),
    qty: rs.map((r) => 1 + (r[1] % 3)),
  });
  const out: InputTables = { activity: datasetFromTable(activity, 'events.csv') };
  if (withCustomers) {
    const ids = Array.from({ length: 12 }, (_, c) => idOf(c, shape, false));
    // Signups before, among and after the activity (some missing, one after every as-of).
    const signup = ids.map((_, c) => (c % 5 === 4 ? null : new Date(START + (((c * 37 + shift) % 260) - 40) * DAY + c * 3_600_000).toISOString()));
    const customers = aq.table({ id: ids, channel: ids.map((_, c) => ['ads', 'organic', null][c % 3]), tier: ids.map((_, c) => c % 2), signup });
    out.customers = datasetFromTable(customers, 'customers.csv');
  }
  return out;
}

const specs = fc.record({
  period: fc.constantFrom('day', 'week', 'month', 'quarter'),
  cohortTime: fc.constantFrom('same', 'month', 'quarter', 'year', 'none'),
  mode: fc.constantFrom('classic', 'unbounded', 'revenue', 'ltv'),
  tz: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
  customers: fc.boolean(),
  where: fc.constantFrom(undefined, 'amount >= 10', 'tier = 1'),
  maxOffset: fc.constantFrom(undefined, 2),
  asOf: fc.constantFrom(undefined, '2024-01-15'),
  product: fc.boolean(),
  completeness: fc.constantFrom(undefined, 'rolling'),
});

interface Case {
  period: string;
  cohortTime: string;
  mode: string;
  tz: string;
  customers: boolean;
  where?: string;
  maxOffset?: number;
  asOf?: string;
  product: boolean;
  completeness?: 'rolling';
  /** Anchor on the customers' signup column (its days shifted by this much). */
  signup?: number;
  /** The ids' shape (see idOf); text when absent. */
  idShape?: string;
}

function run(rs: Row[], s: Case, fused: boolean) {
  const tables = inputs(rs, s.customers || s.signup !== undefined, s.signup, s.idShape);
  const cohort = s.cohortTime === 'none' ? [] : [s.cohortTime === 'same' ? s.period : s.cohortTime];
  if (s.customers) cohort.push('channel');
  const where = s.where === 'tier = 1' && !s.customers ? undefined : s.where;
  const spec: MatrixSpec = {
    input: {},
    columns: {
      id: 'id',
      time: 'time',
      amount: s.mode === 'revenue' || s.mode === 'ltv' ? (s.product ? 'amount*qty' : 'amount') : undefined,
      signup: s.signup !== undefined ? 'signup' : undefined,
    },
    period: s.period as MatrixSpec['period'],
    cohort: cohort.length ? cohort : ['channel'],
    mode: s.mode as MatrixSpec['mode'],
    tz: s.tz,
    anchor: s.signup !== undefined ? 'signup' : 'first-activity',
    partial: s.completeness !== 'rolling',
    completeness: s.completeness,
    maxOffset: s.maxOffset,
    asOf: s.asOf,
    where: where ? [where] : undefined,
  };
  if (!s.customers && cohort.length === 0) spec.cohort = [s.period];
  const p = plan(normalize(spec, inputSchema(tables)));
  try {
    return executeMatrix(p, tables, { fused });
  } catch (err) {
    return { error: String((err as Error).message) };
  }
}

describe('executeMatrix(plan, tables, {fused})', () => {
  it('the fused period-mask path gives the same result and load report as the general path', () => {
    fc.assert(
      fc.property(rows, specs, (rs, s) => {
        expect(run(rs, s, true)).toEqual(run(rs, s, false));
      }),
      { numRuns: 400 },
    );
  });

  it('with signup anchors (signups before, among and after the activity; text, numeric, uuid and padded ids), the fused path gives the same result and report', () => {
    const signupSpecs = fc
      .tuple(specs, fc.integer({ min: 0, max: 259 }), fc.constantFrom('text', 'int', 'uuid', 'padded'))
      .map(([s, shift, idShape]) => ({ ...s, signup: shift, idShape }));
    fc.assert(
      fc.property(rows, signupSpecs, (rs, s) => {
        expect(run(rs, s, true)).toEqual(run(rs, s, false));
      }),
      { numRuns: 400 },
    );
  });

  it('wide masks (daily and weekly offsets over up to 4 years: 16-bit row bits) give the same result as the general path', () => {
    // Few customers and many rows, so that the wide masks fit (masksFit) and the fused path runs.
    const wideRows = fc.array(
      fc.tuple(fc.integer({ min: -1, max: 12 }), fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: -5, max: 50 }), fc.integer({ min: 0, max: 20 })),
      { minLength: 300, maxLength: 400 },
    );
    const wideSpecs = specs.map((s) => ({ ...s, period: s.period === 'month' || s.period === 'quarter' ? 'week' : s.period, asOf: undefined, maxOffset: undefined }));
    fc.assert(
      fc.property(wideRows, wideSpecs, (rs, s) => {
        expect(run(rs, s, true)).toEqual(run(rs, s, false));
      }),
      { numRuns: 40 },
    );
  });

  it('daily offsets over 300 periods (wide masks) give the same result on both paths', () => {
    const rs: Row[] = Array.from({ length: 300 }, (_, i) => [i % 5, i, 12, 10, 5]);
    const s: Case = { period: 'day', cohortTime: 'month', mode: 'unbounded', tz: 'UTC', customers: false, where: undefined, maxOffset: undefined, asOf: undefined, product: false };
    const fused = run(rs, s, true);
    expect(fused).toEqual(run(rs, s, false));
    expect('width' in fused && fused.width).toBe(300);
  });

  it('customers beyond one partition (70,000) give the same counts on both paths', () => {
    // A seeded LCG, so the data is the same on every run.
    let seed = 12345;
    const next = (m: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % m;
    };
    const rs: Row[] = Array.from({ length: 150_000 }, () => [next(12), next(200), next(24), next(50), 2 + next(19)]);
    const big = rs.map((r, i): Row => [i < 70_000 ? i : next(70_000), r[1], r[2], r[3], r[4]]);
    for (const mode of ['unbounded', 'revenue']) {
      const tables = inputsMany(big);
      const spec: MatrixSpec = { input: {}, columns: { id: 'id', time: 'time', amount: 'amount' }, period: 'week', cohort: ['month'], mode: mode as 'unbounded', tz: 'Europe/Berlin', partial: true };
      const p = plan(normalize(spec, inputSchema(tables)));
      const fused = executeMatrix(p, tables, { fused: true });
      const general = executeMatrix(p, tables, { fused: false });
      expect(fused.report).toEqual(general.report);
      expect(fused.cells.active).toEqual(general.cells.active);
      expect(fused.cells.value.length).toBe(general.cells.value.length);
      for (let i = 0; i < fused.cells.value.length; ++i) expect(fused.cells.value[i]).toBeCloseTo(general.cells.value[i], 9);
    }
  });
});

/** Activity rows with numeric customer numbers as ids (any count of customers). */
function inputsMany(rs: Row[]): InputTables {
  const activity = aq.table({
    id: rs.map((r) => `c${r[0]}`),
    time: rs.map((r) => new Date(START + r[1] * DAY + r[2] * 3_600_000).toISOString()),
    amount: rs.map((r) => r[3]),
  });
  return { activity: datasetFromTable(activity, 'events.csv') };
}

describe('executeMatrix when no activity is left', () => {
  const activity = aq.table({ id: ['1', '2', '3'], time: ['2024-01-01', '2024-02-01', '2024-02-03'] });
  const tables = (customers?: string[]): InputTables => ({
    activity: datasetFromTable(activity, 'a.csv'),
    ...(customers ? { customers: datasetFromTable(aq.table({ id: customers, signup: customers.map(() => '2024-01-01') }), 'c.csv') } : {}),
  });
  const fails = (spec: Partial<MatrixSpec>, t: InputTables) => {
    const p = plan(normalize({ input: {}, columns: { id: 'id', time: 'time' }, ...spec }, inputSchema(t)));
    for (const fused of [true, false]) expect(() => executeMatrix(p, t, { fused })).toThrow(fails.message);
  };
  fails.message = '';

  it('says why: every row after the as-of', () => {
    fails.message = 'no activity is left to compute: of 3 activity rows, 3 after asOf';
    fails({ asOf: '2023-06-01' }, tables());
  });

  it('says why: filtered rows and ids not in the customers table', () => {
    fails.message = 'no activity is left to compute: of 3 activity rows, 2 with an id not in the customers table, 1 filtered out by where';
    fails({ anchor: 'first-activity', where: ['time < 2024-02-02'] }, tables(['3']));
  });

  it('quotes ids of both tables when none match', () => {
    fails.message = 'of 3 activity rows, 3 with an id not in the customers table; none of the 3 activity rows with an id (a.csv) has its id in the customers table (c.csv): activity ids such as "1", customer ids such as "01"';
    fails({ anchor: 'first-activity' }, tables(['01', '02']));
  });
});
