import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { tempDir } from '../load/helpers.js';

// Event exports nest the user and the time (Mixpanel: {"event", "properties": {"time" (epoch
// seconds), "distinct_id", ...}}). Their keys are columns named by path, found by detection.
const { dir, cleanup } = tempDir();
afterAll(cleanup);

const day = (d: string) => Date.parse(`${d}T10:00:00Z`) / 1000;
const mixpanel = [
  ['u1', '2024-01-02'],
  ['u1', '2024-02-03'],
  ['12345678901234567891', '2024-01-10'],
  ['12345678901234567892', '2024-01-11'],
  ['12345678901234567892', '2024-02-12'],
  ['u3', '2024-02-20'],
]
  .map(([id, d]) => {
    const idText = /^\d+$/.test(id) ? id : JSON.stringify(id);
    return `{"event":"Open","properties":{"time":${day(d)},"distinct_id":${idText},"$os":"iOS","list":[1,2]}}`;
  })
  .join('\n');

describe('kohort matrix on nested NDJSON', () => {
  it('detects properties.distinct_id and properties.time, keeps 19-digit ids apart', async () => {
    writeFileSync(join(dir, 'mixpanel.ndjson'), `${mixpanel}\n`);
    const r = await runCli(['matrix', join(dir, 'mixpanel.ndjson'), '--as-of', '2024-03-01', '--format', 'csv']);
    expect(r.stderr).toContain('columns: activity id "properties.distinct_id", time "properties.time"');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['cohort,cohort_size,0,1', '2024-01,3,1,0.666666666667', '2024-02,1,1,']);
  });

  it('joins a nested id to a customers table and groups by a nested attribute', async () => {
    writeFileSync(join(dir, 'events.ndjson'), '{"user":{"id":7,"plan":"pro"},"ts":"2024-01-05"}\n{"user":{"id":7,"plan":"pro"},"ts":"2024-02-05"}\n{"user":{"id":8,"plan":"free"},"ts":"2024-01-07"}\n{"user":{"id":9},"ts":"2024-02-29"}\n');
    writeFileSync(join(dir, 'customers.csv'), 'customer_id,signup_at,channel\n7,2024-01-01,ads\n8,2024-01-02,organic\n');
    const r = await runCli(['matrix', join(dir, 'events.ndjson'), '--customers', join(dir, 'customers.csv'), '--cohort', 'month,channel', '--as-of', '2024-03-01', '--format', 'csv', '-q']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['cohort,channel,cohort_size,0,1', '2024-01,ads,1,1,1', '2024-01,organic,1,1,0']);
    const byPlan = await runCli(['matrix', join(dir, 'events.ndjson'), '--cohort', 'user.plan', '--as-of', '2024-03-01', '--format', 'csv', '-q']);
    expect(byPlan.stdout.trim().split('\n')).toEqual(['user.plan,cohort_size,0,1', 'free,1,1,0', 'pro,1,1,1', ',1,1,']);
  });
});
