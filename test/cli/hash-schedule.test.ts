import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAnalyses } from '../../src/api/run-spec.js';
import type { InputSpec } from '../../src/api/spec-fields.js';
import { hashSchedule } from '../../src/cli/hash-schedule.js';
import type { RunOutput } from '../../src/cli/write-outputs.js';

const parquet: RunOutput[] = [{ format: 'parquet', file: 'out.parquet' }];

/** A schedule whose hashes are recorded, not computed. */
function recorded(early: boolean) {
  const calls: { input: InputSpec; signal?: AbortSignal }[] = [];
  const s = hashSchedule({
    early: () => early,
    start: (input, _outputs, signal) => {
      calls.push({ input, signal });
      return Promise.resolve([]);
    },
  });
  return { s, calls };
}

describe('hashSchedule (the one timing of input hashes for kohort <command> and kohort run)', () => {
  it('hashSchedule: on a busy machine or a Parquet input, nothing before the load; once loaded, one hash per input', () => {
    const { s, calls } = recorded(false);
    const input = { activity: 'events.parquet' };
    expect(s.beforeLoad(input, parquet)).toBeUndefined();
    expect(calls).toHaveLength(0);
    const h = s.loaded(input, parquet);
    expect(s.loaded({ activity: 'events.parquet' }, parquet)).toBe(h);
    expect(calls).toHaveLength(1);
    s.loaded({ activity: 'other.parquet' }, parquet);
    expect(calls).toHaveLength(2);
  });

  it('hashSchedule: started before the load when it pays, and that hash is the one used after it; abort stops every hash', () => {
    const { s, calls } = recorded(true);
    const input = { activity: 'events.csv' };
    const early = s.beforeLoad(input, parquet);
    expect(early).toBeDefined();
    expect(s.loaded(input, parquet)).toBe(early);
    expect(calls).toHaveLength(1);
    expect(calls[0].signal?.aborted).toBe(false);
    s.abort();
    expect(calls[0].signal?.aborted).toBe(true);
  });
});

describe('runAnalyses(analyses, { onLoaded })', () => {
  it('runAnalyses calls onLoaded once per shared load, after the load and before the computes; a failing compute rejects after it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-hash-schedule-'));
    const events = path.join(dir, 'events.csv');
    writeFileSync(events, 'id,t\na,2024-01-05\nb,2024-02-06\na,2024-03-07\n');
    const seen: (readonly number[])[] = [];
    const spec = { input: { activity: events }, columns: { id: 'id', time: 't' }, asOf: '2024-04-01' };
    const out = await runAnalyses(
      [
        { kind: 'matrix', spec },
        { kind: 'crr', spec: { ...spec, inactiveAfter: '30d' } },
      ] as never,
      { onLoaded: (members) => seen.push(members) },
    );
    expect(seen).toEqual([[0, 1]]);
    expect(out.map((o) => o.kind)).toEqual(['matrix', 'crr']);
    // A spec whose run fails at compute: onLoaded was called, then the run rejects (kohort run aborts the hash there).
    const late: (readonly number[])[] = [];
    await expect(runAnalyses([{ kind: 'matrix', spec: { ...spec, asOf: '2023-01-01' } }] as never, { onLoaded: (m) => late.push(m) })).rejects.toThrow();
    expect(late).toEqual([[0]]);
  });
});
