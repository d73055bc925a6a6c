import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emptyReport } from '../../src/report/load-report.js';

// The chunk worker runs compiled JavaScript: these tests use the build in dist/ (made by
// `npm install`), comparing its two-thread passes with its one-thread passes.
const dist = (p: string) => fileURLToPath(new URL(`../../dist/${p}`, import.meta.url));
const built = existsSync(dist('engine/memory/chunk-worker.js'));
if (!built) console.warn('test/parallel/run-chunks: no build in dist/; skipping the two-thread tests');

type PM = typeof import('../../src/engine/memory/matrix/period-masks.js');
type TZ = typeof import('../../src/time/zone.js');
type RC = typeof import('../../src/parallel/run-chunks.js');
type MC = typeof import('../../src/engine/memory/matrix/mask-chunks.js');

const shared = <T extends Float64Array | Int32Array>(C: new (b: SharedArrayBuffer) => T, n: number, bytes: number): T => new C(new SharedArrayBuffer(n * bytes));

/** 1.5M rows of 100K customers over 2023-2024, with every kind of left-out row. */
function inputs(n = 1_500_000, customers = 100_000) {
  const customer = shared(Int32Array, n, 4);
  const time = shared(Float64Array, n, 8);
  const amount = shared(Float64Array, n, 8);
  const rawTime: (string | null)[] = new Array(n).fill('x');
  const mask = new Uint8Array(n).fill(1);
  const removed = new Uint8Array(customers);
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const start = Date.UTC(2023, 0, 1);
  for (let i = 0; i < n; ++i) {
    customer[i] = Math.floor(rnd() * customers);
    time[i] = start + Math.floor(rnd() * 730 * 86_400_000);
    amount[i] = Math.round(rnd() * 1000) / 10;
    const r = rnd();
    if (r < 0.001) customer[i] = -1;
    else if (r < 0.002) customer[i] = -2;
    else if (r < 0.003) {
      time[i] = NaN;
      rawTime[i] = i % 2 ? null : 'not a time';
    } else if (r < 0.004) mask[i] = 0;
  }
  for (let c = 0; c < customers; c += 97) removed[c] = 1;
  return { customer, time, amount, rawTime, mask, customerRemoved: removed, asOf: Date.UTC(2024, 9, 1), customerCount: customers };
}

describe.skipIf(!built)('periodMasks(inputs, opts) on two threads', () => {
  it('gives the one-thread masks, rows, revenue groups and report, with the worker doing part of the work', async () => {
    const { periodMasks } = (await import(dist('engine/memory/matrix/period-masks.js'))) as PM;
    const { timeZone } = (await import(dist('time/zone.js'))) as TZ;
    const inp = inputs();
    for (const zone of [timeZone('UTC'), timeZone('Europe/Berlin')]) {
      for (const period of ['month', 'week'] as const) {
        const opts = { period, weekStart: 'monday' as const, zone, amountFactors: [inp.amount] };
        const r1 = emptyReport();
        const one = periodMasks(inp, { ...opts, threads: false }, r1)!;
        const r2 = emptyReport();
        const two = periodMasks(inp, opts, r2)!;
        expect(two.bits.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(Buffer.from(two.bits.buffer).equals(Buffer.from(one.bits.buffer))).toBe(true);
        expect(Buffer.from(two.rowBit!.buffer).equals(Buffer.from(one.rowBit!.buffer))).toBe(true);
        expect(Array.from(two.grouped!.partStart)).toEqual(Array.from(one.grouped!.partStart));
        expect(Buffer.from(two.grouped!.packed.buffer).equals(Buffer.from(one.grouped!.packed.buffer))).toBe(true);
        expect(Buffer.from(two.grouped!.amount.buffer).equals(Buffer.from(one.grouped!.amount.buffer))).toBe(true);
        expect(r2).toEqual(r1);
        expect(r1.excluded.badTime).toBeGreaterThan(0);
        expect(r1.excluded.missingTime).toBeGreaterThan(0);
        expect(r1.excluded.filtered).toBeGreaterThan(0);
        expect(r1.excluded.afterAsOf).toBeGreaterThan(0);
        // Without amounts the rows are scattered block by block (1.5M rows: two blocks).
        const noAmounts = { ...opts, amountFactors: undefined };
        const blocks = periodMasks(inp, noAmounts, emptyReport())!;
        expect(blocks.grouped).toBeUndefined();
        expect(Buffer.from(blocks.bits.buffer).equals(Buffer.from(one.bits.buffer))).toBe(true);
        const blocks1 = periodMasks(inp, { ...noAmounts, threads: false }, emptyReport())!;
        expect(Buffer.from(blocks1.bits.buffer).equals(Buffer.from(one.bits.buffer))).toBe(true);
      }
    }
  });

  it('periodMasks(inputs, {directWords}) sets the bits in one copy per thread: the one-thread bits, month and week', async () => {
    const { periodMasks } = (await import(dist('engine/memory/matrix/period-masks.js'))) as PM;
    const { timeZone } = (await import(dist('time/zone.js'))) as TZ;
    const inp = inputs(3_000_000, 100_000);
    const zone = timeZone('UTC');
    // Warm the worker up, so that it shares the runs below.
    periodMasks(inp, { period: 'month', weekStart: 'monday', zone }, emptyReport());
    for (const period of ['month', 'week'] as const) {
      const opts = { period, weekStart: 'monday' as const, zone, directWords: Number.MAX_SAFE_INTEGER };
      const r1 = emptyReport();
      const one = periodMasks(inp, { ...opts, directWords: 0, threads: false }, r1)!;
      // A few runs: in each the worker takes a share of the chunks (none when it lags).
      for (let run = 0; run < 3; ++run) {
        const r2 = emptyReport();
        const two = periodMasks(inp, opts, r2)!;
        expect(Buffer.from(two.bits.buffer).equals(Buffer.from(one.bits.buffer))).toBe(true);
        // Direct bits keep no row bits: bitOfRow gives the scatter path's.
        expect(two.rowBit).toBeUndefined();
        expect(Buffer.from(Uint8Array.from(one.rowBit!, (_, i) => two.bitOfRow(i)).buffer).equals(Buffer.from(one.rowBit!.buffer))).toBe(true);
        expect(r2).toEqual(r1);
      }
    }
  });

  it('runChunks(kernel, run, job, count, true) holds the background gate while both threads run, and lets go after', async () => {
    const { runChunks } = (await import(dist('parallel/run-chunks.js'))) as RC;
    const gateModule = (await import(dist('parallel/background-gate.js'))) as typeof import('../../src/parallel/background-gate.js');
    const { scanInstants, SCAN_CHUNK } = (await import(dist('time/scan-instants.js'))) as typeof import('../../src/time/scan-instants.js');
    const gate = gateModule.backgroundGate();
    const n = 8 * SCAN_CHUNK;
    const values = new Float64Array(new SharedArrayBuffer(8 * n)).fill(1);
    const acc = new Float64Array(new SharedArrayBuffer(8 * 3 * 8));
    // The gate is seen from inside the kernel run on this thread: held when the hold pays here.
    // A worker already running may claim all 8 items first: run again until this thread ran one.
    const seen: number[] = [];
    for (let attempt = 0; attempt < 20 && seen.length === 0; ++attempt) {
      runChunks('instants', (job: Parameters<typeof scanInstants>[0], k: number) => (seen.push(Atomics.load(gate, 0)), scanInstants(job, k)), { values, acc }, 8, true);
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.min(...seen)).toBe(gateModule.backgroundHoldPays() ? 1 : 0);
    expect(Atomics.load(gate, 0)).toBe(0);
  });

  it('runChunks(kernel, run, job, count, true) lets the worker claim items', async () => {
    const { runChunks } = (await import(dist('parallel/run-chunks.js'))) as RC;
    const { periodMasks } = (await import(dist('engine/memory/matrix/period-masks.js'))) as PM;
    const { timeZone } = (await import(dist('time/zone.js'))) as TZ;
    const { maskRows } = (await import(dist('engine/memory/matrix/mask-chunks.js'))) as MC;
    const inp = inputs(4_000_000, 200_000);
    // Warm the worker up, then a run of 4M rows: the worker takes some of the 62 chunks.
    periodMasks(inp, { period: 'month', weekStart: 'monday', zone: timeZone('UTC') }, emptyReport());
    let byWorker = 0;
    for (let attempt = 0; attempt < 5 && byWorker === 0; ++attempt) {
      const job = {
        n: inp.customer.length, chunkRows: 1 << 16, customer: inp.customer, time: inp.time, asOf: inp.asOf, zone: 'UTC',
        firstDay: 19358, dayBit: new Int32Array(new SharedArrayBuffer(4 * 640)), partShift: 15, parts: 7, words: 1,
        rowBit: new Uint8Array(new SharedArrayBuffer(inp.customer.length)), noBit: 255, bitShift: 8,
        stats: new Int32Array(new SharedArrayBuffer(4 * 8 * 62)), partCounts: new Int32Array(new SharedArrayBuffer(4 * 7 * 62)),
      };
      byWorker = runChunks('rows', maskRows, job, 62, true);
    }
    expect(byWorker).toBeGreaterThan(0);
  });

  it("runChunks('instants', scanInstants, job, count, true) gives the one-thread scan of a shared column", async () => {
    const { runChunks } = (await import(dist('parallel/run-chunks.js'))) as RC;
    const { scanInstants, SCAN_CHUNK } = await import('../../src/time/scan-instants.js');
    const n = 40 * SCAN_CHUNK + 123;
    const values = new Float64Array(new SharedArrayBuffer(8 * n)).map((_, i) => ((i * 7919) % 100_003) * 86_400_000);
    values[12345] = NaN;
    values[n - 1] = -1;
    const count = Math.ceil(n / SCAN_CHUNK);
    const acc = new Float64Array(new SharedArrayBuffer(8 * 3 * count));
    runChunks('instants', scanInstants, { values, acc }, count, true);
    const want = new Float64Array(3 * count);
    for (let k = 0; k < count; ++k) scanInstants({ values, acc: want }, k);
    expect(acc).toEqual(want);
  });

  it('CodeDict.settle(codes, n) of a big shared column gives, on two threads, the keys of one', async () => {
    type CD = typeof import('../../src/load/dict/code-dict.js');
    const { CodeDict } = (await import(dist('load/dict/code-dict.js'))) as CD;
    const n = (1 << 20) + 4321;
    // Ids with gaps (keys by rank) and a few of another shape (hashed).
    const text = (i: number) => (i % 1000 === 7 ? `other-${i % 13}` : `C${String((i * 7919) % 600_011).padStart(7, '0')}`);
    const settled = (shared: boolean) => {
      const dict = new CodeDict();
      const codes = shared ? new Int32Array(new SharedArrayBuffer(4 * n)) : new Int32Array(n);
      const bytes = new TextEncoder().encode(Array.from({ length: 4096 }, (_, i) => text(i)).join(''));
      const starts = new Int32Array(4096);
      const ends = new Int32Array(4096);
      const rows = new Int32Array(4096);
      for (let r0 = 0; r0 < n; r0 += 4096) {
        // Rows r0.. take the values of a rotating window of the 4096 texts laid out above.
        const m = Math.min(4096, n - r0);
        let o = 0;
        for (let i = 0; i < 4096; ++i) {
          const len = text(i).length;
          if (i < m) {
            starts[i] = o;
            ends[i] = o + len;
            rows[i] = r0 + ((i + r0 / 4096) % m);
          }
          o += len;
        }
        dict.internMany(bytes, starts, ends, rows, m, codes);
      }
      const keys = dict.settle(codes, n);
      return { keys: Array.from(keys), values: [...dict.values] };
    };
    const two = settled(true);
    const one = settled(false);
    expect(two.values).toEqual(one.values);
    expect(two.keys).toEqual(one.keys);
  });

  it('survivalFromTables(table, {by}) gives the one-thread curves, medians and test with the worker sharing them', async () => {
    type SV = typeof import('../../src/api/survival.js');
    const { survivalFromTables } = (await import(dist('api/survival.js'))) as SV;
    const { survivalFromTables: oneThread } = await import('../../src/api/survival.js');
    const aq = await import('arquero');
    const n = 200_000;
    const channels = ['organic', 'paid', 'referral', 'partner'];
    let s = 99;
    const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const tenure = Float64Array.from({ length: n }, () => Math.floor(rnd() * 400) / 4);
    const churned = Array.from({ length: n }, () => (rnd() < 0.6 ? 'Yes' : 'No'));
    const channel = Array.from({ length: n }, (_, i) => channels[(i * 7 + Math.floor(rnd() * 3)) % 4]);
    const table = aq.table({ tenure, churned, channel });
    const spec = { duration: 'tenure', event: 'churned=Yes', by: ['channel'], unit: 'months' as const };
    const two = survivalFromTables(table, spec);
    const one = oneThread(table, spec);
    expect(two.groups.length).toBe(4);
    // The two-thread path ran: its curves are on SharedArrayBuffers.
    expect(two.groups[0].curve.survival.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(one.groups[0].curve.survival.buffer).toBeInstanceOf(ArrayBuffer);
    expect(two.test).toEqual(one.test);
    two.groups.forEach((g, h) => {
      const o = one.groups[h];
      expect(g.key).toEqual(o.key);
      expect(g.median).toEqual(o.median);
      expect(g.at).toEqual(o.at);
      for (const col of ['time', 'survival', 'stdErr', 'lower', 'upper'] as const) {
        expect(Buffer.from(new Float64Array(g.curve[col]).buffer).equals(Buffer.from(new Float64Array(o.curve[col]).buffer))).toBe(true);
      }
    });
  });

  it('compareFromTables(tables, {by, churn}) gives the one-thread result with the survival run on the worker while the curves are computed', async () => {
    type CP = typeof import('../../src/api/compare.js');
    const { compareFromTables } = (await import(dist('api/compare.js'))) as CP;
    const { compareFromTables: oneThread } = await import('../../src/api/compare.js');
    type RC2 = typeof import('../../src/parallel/run-chunks.js');
    const rc = (await import(dist('parallel/run-chunks.js'))) as RC2;
    const aq = await import('arquero');
    // Enough customers for two threads (2^17), but fewer in the groups (some have no
    // channel): only the worker's tallies are then on shared memory.
    const n = 140_000;
    const channels = ['organic', 'paid', 'referral', 'partner'];
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const day = 86_400_000;
    const t0 = Date.UTC(2023, 0, 1);
    const ids = Array.from({ length: n }, (_, i) => `c${i}`);
    const signup = Array.from({ length: n }, () => new Date(t0 + Math.floor(rnd() * 500 * day)));
    const churned = signup.map((d) => (rnd() < 0.5 ? new Date(d.getTime() + Math.floor(rnd() * 300 * day) + 3_600_000) : null));
    const channel = ids.map((_, i) => (i % 10 === 0 ? null : channels[(i * 7 + Math.floor(rnd() * 3)) % 4]));
    const customers = aq.table({ id: ids, signup, churned, channel });
    const ev: { id: string[]; t: Date[] } = { id: [], t: [] };
    for (let i = 0; i < 3 * n; ++i) {
      const c = Math.floor(rnd() * n);
      ev.id.push(ids[c]);
      ev.t.push(new Date(signup[c].getTime() + Math.floor(rnd() * 400 * day)));
    }
    const activity = aq.table(ev);
    const spec = {
      by: 'channel', columns: { id: 'id', time: 't', signup: 'signup', churn: 'churned' }, asOf: '2024-12-01', adjust: 'holm' as const,
    };
    const two = compareFromTables({ activity, customers }, spec);
    const one = oneThread({ activity, customers }, spec);
    // Two threads ran: the curves are on shared memory.
    expect(two.survival!.groups[0].curve.survival.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(one.survival!.groups[0].curve.survival.buffer).toBeInstanceOf(ArrayBuffer);
    expect(two.groups).toEqual(one.groups);
    expect(two.differences).toEqual(one.differences);
    expect(two.summary).toEqual(one.summary);
    expect(two.survival!.test).toEqual(one.survival!.test);
    two.survival!.groups.forEach((g, h) => {
      const o = one.survival!.groups[h];
      expect(g.key).toEqual(o.key);
      expect(g.median).toEqual(o.median);
      expect(g.at).toEqual(o.at);
      for (const col of ['time', 'nRisk', 'nEvent', 'nCensor', 'survival', 'stdErr', 'lower', 'upper'] as const) {
        expect(Buffer.from(new Float64Array(g.curve[col]).buffer).equals(Buffer.from(new Float64Array(o.curve[col]).buffer))).toBe(true);
      }
    });
    expect(rc.chunkWorkerAvailable()).toBe(true);
  });

  it("startChunks('survivalRun', job, G + 2) hands the survival run to the worker and returns; finish gives the one-thread curves, medians and test", async () => {
    type RC2 = typeof import('../../src/parallel/run-chunks.js');
    type PT = typeof import('../../src/stats/pooled-tally.js');
    type SR = typeof import('../../src/stats/survival-run.js');
    type KM = typeof import('../../src/stats/kaplan-meier.js');
    type LR = typeof import('../../src/stats/log-rank.js');
    const rc = (await import(dist('parallel/run-chunks.js'))) as RC2;
    const pt = (await import(dist('stats/pooled-tally.js'))) as PT;
    const sr = (await import(dist('stats/survival-run.js'))) as SR;
    const km = (await import(dist('stats/kaplan-meier.js'))) as KM;
    const lr = (await import(dist('stats/log-rank.js'))) as LR;
    const { medianSurvival } = await import('../../src/stats/median.js');
    const n = 300_000;
    let s = 3;
    const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const d = Float64Array.from({ length: n }, () => Math.floor(rnd() * 1e6) / 97);
    const e = Uint8Array.from({ length: n }, () => (rnd() < 0.4 ? 1 : 0));
    const g = Int32Array.from({ length: n }, () => Math.floor(rnd() * 6) - 1);
    const opts = { confType: 'log-log' as const, level: 0.9 };
    const t = pt.tallyJob(d, e, g, 5)!;
    const job = sr.survivalRunJob(t.job, t.negativeZero, km.kmSettings(opts), lr.resolveWeights({}));
    const started = rc.startChunks('survivalRun', job, sr.survivalRunItems(5))!;
    // This thread is free meanwhile: the worker claims every item and writes the results.
    const until = Date.now() + 10_000;
    while (Atomics.load(job.ready, 0) === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 200));
    // The worker ran the tallies (item 0) at least; this thread claims what it left.
    expect(started.finish(sr.survivalRunItem)).toBeGreaterThan(0);
    const got = sr.survivalRunResults(job, t.finish(), opts);
    const want = pt.groupedTallies(d, e, g, 5);
    const curves = km.kaplanMeierTallies(want.groups, opts);
    const bits = (a: ArrayLike<number>) => Buffer.from(Float64Array.from(a).buffer);
    curves.forEach((c, h) => {
      for (const col of ['time', 'nRisk', 'nEvent', 'nCensor', 'survival', 'stdErr', 'lower', 'upper'] as const) expect(bits(got.curves[h][col]).equals(bits(c[col]))).toBe(true);
      expect(got.medians![h]).toEqual(medianSurvival(c));
    });
    expect(lr.logRankPooled(t.finish(), {}, got.sums)).toEqual(lr.logRankPooled(want, {}));
  });

  it('periodMasks(inputs, {meanwhile}) runs `meanwhile` once while the worker runs the first pass, and gives the masks made without it', async () => {
    const { periodMasks } = (await import(dist('engine/memory/matrix/period-masks.js'))) as PM;
    const { timeZone } = (await import(dist('time/zone.js'))) as TZ;
    const inp = inputs();
    const opts = { period: 'month' as const, weekStart: 'monday' as const, zone: timeZone('UTC') };
    const one = periodMasks(inp, { ...opts, threads: false }, emptyReport())!;
    let calls = 0;
    const r2 = emptyReport();
    const two = periodMasks(inp, { ...opts, meanwhile: () => {
      ++calls;
      // Busy for a while: the worker takes the pass's chunks meanwhile.
      const until = Date.now() + 300;
      while (Date.now() < until);
    } }, r2)!;
    expect(calls).toBe(1);
    expect(Buffer.from(two.bits.buffer).equals(Buffer.from(one.bits.buffer))).toBe(true);
    const rowBits = (m: typeof one): Buffer => Buffer.from(Uint8Array.from(inp.customer, (_, i) => m.bitOfRow(i)).buffer);
    expect(rowBits(two).equals(rowBits(one))).toBe(true);
    const r1 = emptyReport();
    periodMasks(inp, { ...opts, threads: false }, r1);
    expect(r2).toEqual(r1);
    // Where no masks are made, it is still called, once.
    calls = 0;
    expect(periodMasks({ ...inp, customerCount: 0 }, { ...opts, meanwhile: () => ++calls }, emptyReport())).toBeUndefined();
    expect(calls).toBe(1);
  });

  it('periodMasks(inputs, {meanwhile}) whose `meanwhile` throws: the error surfaces, the pass handed out is finished and the background gate let go', async () => {
    const { periodMasks } = (await import(dist('engine/memory/matrix/period-masks.js'))) as PM;
    const { timeZone } = (await import(dist('time/zone.js'))) as TZ;
    const gateModule = (await import(dist('parallel/background-gate.js'))) as typeof import('../../src/parallel/background-gate.js');
    const rc = (await import(dist('parallel/run-chunks.js'))) as RC;
    const inp = inputs();
    const opts = { period: 'month' as const, weekStart: 'monday' as const, zone: timeZone('UTC') };
    let held = -1;
    expect(() =>
      periodMasks(inp, { ...opts, meanwhile: () => {
        held = Atomics.load(gateModule.backgroundGate(), 0);
        throw new Error('boom');
      } }, emptyReport()),
    ).toThrow('boom');
    // Held while the worker ran the pass (when holding pays on this machine), let go after.
    expect(held).toBe(gateModule.backgroundHoldPays() ? 1 : 0);
    expect(Atomics.load(gateModule.backgroundGate(), 0)).toBe(0);
    // The worker is free again: a later run gives the one-thread masks.
    expect(rc.chunkWorkerAvailable()).toBe(true);
    const one = periodMasks(inp, { ...opts, threads: false }, emptyReport())!;
    const two = periodMasks(inp, opts, emptyReport())!;
    expect(Buffer.from(two.bits.buffer).equals(Buffer.from(one.bits.buffer))).toBe(true);
  });
});
