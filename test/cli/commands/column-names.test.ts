import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';

// One file, a mixed-case header: every command finds its columns by the same rule
// (src/spec/resolve-column.ts).
let file: string;
beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-column-names-'));
  file = path.join(dir, 'act.csv');
  writeFileSync(
    file,
    [
      'Customer ID,Event Time,channel,Signup At,Churned At',
      'a,2024-01-05,ads,2024-01-05,2024-03-01',
      'a,2024-02-10,ads,2024-01-05,2024-03-01',
      'b,2024-01-20,organic,2024-01-20,',
      'b,2024-03-02,organic,2024-01-20,',
      'c,2024-02-03,ads,2024-02-03,',
    ].join('\n'),
  );
});

describe('kohort matrix --cohort month,Channel (a column "channel")', () => {
  it('finds the column whatever its case', async () => {
    // The data ends 2024-03-02: an as-of of 2024-04-01 would count March complete (and warn).
    const r = await runCli(['matrix', file, '--cohort', 'month,Channel', '--format', 'tidy-csv', '--as-of', '2024-03-03', '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toContain('channel');
    expect(r.stdout).toContain('ads');
    expect(r.stdout).toContain('organic');
  });

  it('finds --id, --time and --where columns by the same rule', async () => {
    const r = await runCli(['matrix', file, '--id', 'customer_id', '--time', 'EVENT TIME', '--where', 'CHANNEL = ads', '--format', 'csv', '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('suggests the close column for a typo', async () => {
    const r = await runCli(['matrix', file, '--cohort', 'month,Chanel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no column "Chanel" for cohort attribute');
    expect(r.stderr).toContain('Did you mean "channel"?');
  });
});

describe('kohort survival --by Channel (a column "channel")', () => {
  it('finds the column whatever its case', async () => {
    const r = await runCli(['survival', file, '--by', 'Channel', '--signup', 'signup at', '--churn', 'CHURNED_AT', '--format', 'json', '--as-of', '2024-04-01', '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const groups = (JSON.parse(r.stdout) as { groups: { key: Record<string, string> }[] }).groups;
    expect(groups.map((g) => g.key)).toEqual([{ channel: 'ads' }, { channel: 'organic' }]);
  });

  it('suggests the close column for a typo', async () => {
    const r = await runCli(['survival', file, '--by', 'Chanel', '--as-of', '2024-04-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Did you mean "channel"?');
  });
});
