import * as aq from 'arquero';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareRun, type RunSpec } from '../../../../src/engine/memory/prepare/prepare-run.js';
import type { PreparedRun, Reusable } from '../../../../src/engine/memory/prepare/prepared-run.js';
import { datasetFromTable } from '../../../../src/load/from-table.js';
import type { InputTables } from '../../../../src/load/input-tables.js';
import type { ResolvedFilter } from '../../../../src/spec/input-schema.js';

const DAY = 86_400_000;
const START = Date.UTC(2023, 9, 20); // spans the October DST change in Europe and the US

/** Id shapes: numbers as text, padded text (trimmed ids collide), uuid-like, missing. */
const idShape = fc.constantFrom('int', 'padded', 'uuid');
const idOf = (shape: string, n: number): string | null =>
  n < 0 ? null : shape === 'int' ? String(n) : shape === 'padded' ? (n % 2 ? ` c${n}` : `c${n}`) : `${(n * 2654435761 % 4294967296).toString(16).padStart(8, '0')}-4a1b-9c2d-${String(n).padStart(12, '0')}`;

/** A customer row: id number (-1 = missing; repeats are duplicates), signup day (-1 = none, -2 = unreadable), hour, channel, churn day (-1 = none). */
const customerRows = fc.array(
  fc.tuple(fc.integer({ min: -1, max: 30 }), fc.integer({ min: -2, max: 120 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: -1, max: 150 })),
  { minLength: 1, maxLength: 40 },
);
const activityRows = fc.array(fc.tuple(fc.integer({ min: -1, max: 35 }), fc.integer({ min: 0, max: 140 })), { maxLength: 60 });

function tables(shape: string, cs: [number, number, number, number, number][], as: [number, number][]): InputTables {
  // Odd days as naive local times (read in the run's zone), even days as UTC instants.
  const time = (day: number, hour: number): string | null => {
    if (day === -1) return null;
    if (day === -2) return 'not a date';
    const iso = new Date(START + day * DAY + hour * 3_600_000).toISOString();
    return day % 2 ? iso.slice(0, 19).replace('T', ' ') : iso;
  };
  const customers = aq.table({
    id: cs.map((r) => idOf(shape, r[0])),
    signup: cs.map((r) => time(r[1], r[2])),
    channel: cs.map((r) => [null, 'ads', 'organic', ''][r[3]]),
    churn: cs.map((r) => time(r[4], 5)),
  });
  const activity = aq.table({ id: as.map((r) => idOf(shape, r[0])), time: as.map((r) => time(r[1], 12)), amount: as.map((r) => (r[1] % 7 ? r[1] / 4 : null)) });
  return { customers: datasetFromTable(customers, 'customers.csv'), activity: datasetFromTable(activity, 'events.csv') };
}

/** A run as plain data (the numbering's id function read out), without what it offers for reuse. */
function plain(run: PreparedRun) {
  const { shared: _shared, index, zone: _zone, cus: _cus, act: _act, ...rest } = run;
  return { ...rest, count: index.count, customersRow: index.customersRow, ids: Array.from({ length: index.count }, (_, c) => index.id(c)) };
}

describe('prepareRun(spec, tables, {reuse})', () => {
  it('a customers-only run reusing a run with activity (numbers, signups, filter) equals one prepared alone', () => {
    fc.assert(
      fc.property(
        idShape,
        customerRows,
        activityRows,
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
        fc.constantFrom<ResolvedFilter[]>([], [{ column: 'channel', op: '^=', value: '', table: 'customers' }], [{ column: 'channel', op: '=', value: 'ads', table: 'customers' }]),
        (shape, cs, as, tz, filters) => {
          const input = tables(shape, cs, as);
          const base: RunSpec = { tz, strict: false, filters, maxRejects: '100%', customers: { file: 'customers.csv', id: 'id', signup: 'signup' } };
          let first: Reusable | undefined;
          try {
            const curves = prepareRun({ ...base, activity: { file: 'events.csv', id: 'id', time: 'time' } }, input, { signupAnchor: true, rawEvents: true });
            first = { shared: curves.shared };
          } catch {
            return; // no readable time at all: nothing to reuse
          }
          const spec: RunSpec = { ...base, asOf: START + 100 * DAY };
          const opts = { signupAnchor: true, extraTime: 'churn' };
          const customersOnly = { customers: input.customers };
          const alone = prepareRun(spec, customersOnly, opts);
          const reusing = prepareRun(spec, customersOnly, { ...opts, reuse: first });
          expect(plain(reusing)).toEqual(plain(alone));
          // It did reuse: the same numbering and (with a filter) the same removed customers.
          expect(reusing.index.customersRow).toBe(first!.shared!.numbering.index.customersRow);
          if (filters.length) expect(reusing.customerRemoved).toBe(first!.shared!.filters!.removed);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a customers-only run at the first run's as-of takes its signup anchors (the same array, the same counts) and equals one prepared alone", () => {
    fc.assert(
      fc.property(
        idShape,
        customerRows,
        activityRows,
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
        fc.constantFrom<ResolvedFilter[]>([], [{ column: 'channel', op: '^=', value: '', table: 'customers' }], [{ column: 'channel', op: '=', value: 'ads', table: 'customers' }]),
        fc.integer({ min: 0, max: 130 }),
        (shape, cs, as, tz, filters, asOfDay) => {
          const input = tables(shape, cs, as);
          const spec: RunSpec = { tz, strict: false, filters, maxRejects: '100%', asOf: START + asOfDay * DAY, customers: { file: 'customers.csv', id: 'id', signup: 'signup' } };
          let curves: PreparedRun;
          try {
            curves = prepareRun({ ...spec, activity: { file: 'events.csv', id: 'id', time: 'time' } }, input, { signupAnchor: true, rawEvents: true });
          } catch {
            return; // no readable time at all: nothing to reuse
          }
          const before = curves.anchor.slice();
          const opts = { signupAnchor: true, extraTime: 'churn' };
          const customersOnly = { customers: input.customers };
          const alone = prepareRun(spec, customersOnly, opts);
          const reusing = prepareRun(spec, customersOnly, { ...opts, reuse: { shared: curves.shared } });
          expect(plain(reusing)).toEqual(plain(alone));
          expect(reusing.anchor).toBe(curves.anchor);
          expect(reusing.report.customers.excluded).toEqual(alone.report.customers.excluded);
          // Another as-of makes anchors of its own.
          const later = prepareRun({ ...spec, asOf: spec.asOf! + DAY }, customersOnly, { ...opts, reuse: { shared: curves.shared } });
          expect(later.anchor).not.toBe(curves.anchor);
          expect(plain(later)).toEqual(plain(prepareRun({ ...spec, asOf: spec.asOf! + DAY }, customersOnly, opts)));
          expect(curves.anchor).toEqual(before);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a run with activity and amounts reusing one on the same tables (numbers, times, filter) equals one prepared alone', () => {
    fc.assert(
      fc.property(
        idShape,
        customerRows,
        activityRows,
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
        fc.constantFrom<ResolvedFilter[]>([], [{ column: 'channel', op: '^=', value: '', table: 'customers' }]),
        fc.constantFrom('UTC', 'Europe/Berlin'),
        (shape, cs, as, tz, filters, firstTz) => {
          const input = tables(shape, cs, as);
          const spec: RunSpec = {
            tz, strict: false, filters, maxRejects: '100%',
            customers: { file: 'customers.csv', id: 'id', signup: 'signup' },
            activity: { file: 'events.csv', id: 'id', time: 'time', amount: ['amount'] },
          };
          let first: Reusable | undefined;
          try {
            // The first run may be in another zone: its parsed times then do not serve.
            first = { shared: prepareRun({ ...spec, tz: firstTz }, input, { signupAnchor: true, rawEvents: true }).shared };
          } catch {
            return; // no readable time at all: nothing to reuse
          }
          const opts = { signupAnchor: true, amounts: true };
          const alone = prepareRun(spec, input, opts);
          const reusing = prepareRun(spec, input, { ...opts, reuse: first });
          expect(plain(reusing)).toEqual(plain(alone));
          expect(reusing.index.activityCustomer).toBe(first!.shared!.numbering.index.activityCustomer);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('prepareRun(spec, tables): a customers filter that removes no one', () => {
  it('leaves customerRemoved undefined (the kernels take their unfiltered loops), with the events of a run without it; one that removes some keeps it', () => {
    fc.assert(
      fc.property(idShape, customerRows, activityRows, (shape, cs, as) => {
        const input = tables(shape, cs, as);
        const spec = (filters: ResolvedFilter[]): RunSpec => ({
          tz: 'UTC', strict: false, filters, maxRejects: '100%',
          customers: { file: 'customers.csv', id: 'id', signup: 'signup' }, activity: { file: 'events.csv', id: 'id', time: 'time' },
        });
        // Rows left as read (rawEvents), as the fused kernels take them.
        const opts = { signupAnchor: true, rawEvents: true };
        let none: PreparedRun;
        try {
          none = prepareRun(spec([]), input, opts);
        } catch {
          return; // no activity row is readable: nothing to compare
        }
        // Removes the customers without a channel, when there are any.
        const nulls = prepareRun(spec([{ column: 'channel', op: '^=', value: '', table: 'customers' }]), input, opts);
        const removedSome = nulls.report.customers.excluded.filtered > 0;
        expect(nulls.customerRemoved === undefined).toBe(!removedSome);
        expect(nulls.eventInputs?.customerRemoved === undefined).toBe(!removedSome);
        if (!removedSome) expect(plain(nulls).anchor).toEqual(plain(none).anchor);
      }),
      { numRuns: 300 },
    );
  });
});
