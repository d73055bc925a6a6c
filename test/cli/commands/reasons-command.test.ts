import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';

describe('kohort reasons <file> without --reason', () => {
  it('says what --reason is for and lists the columns of the file it names (was commander\'s bare "required option")', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kohort-reasons-noreason-')), 'customers.csv');
    writeFileSync(file, 'id,status,Churn Category\n1,Churned,Price\n2,Stayed,\n');
    const r = await runCli(['reasons', file, '--id', 'id', '--event', 'status=Churned', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('required option');
    expect(r.stderr).toContain(`reasons needs the reason column(s), the churned customers' reason for leaving: pass --reason <column> or --reason "<category>,<reason>". The columns of ${file} are "id", "status", "Churn Category"`);
  });
});

describe('kohort reasons: a reason written \'"(none)"\' in the data', () => {
  it('reads apart from the text "(none)" and from no reason, in the table, CSV and JSON', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-reasons-none-'));
    writeFileSync(path.join(dir, 'a.csv'), 'id,time\na,2024-01-05\nb,2024-01-06\nc,2024-01-07\n');
    writeFileSync(path.join(dir, 'c.csv'), 'id,churned_at,reason\na,2024-02-01,\nb,2024-02-01,(none)\nc,2024-02-01,"""(none)"""\n');
    const run = (format: string) => runCli(['reasons', path.join(dir, 'a.csv'), '--customers', path.join(dir, 'c.csv'), '--reason', 'reason', '--as-of', '2024-04-01', '--format', format, '-q']);
    const table = await run('table');
    expect(table.code, table.stderr).toBe(0);
    const labels = table.stdout.split('\n').filter((l) => / 1 +33\.3%/.test(l)).map((l) => l.trim().split(/\s+/)[0]).sort();
    expect(labels).toEqual(['""(none)""', '"(none)"', '(none)']);
    const json = JSON.parse((await run('json')).stdout) as { rows: { reason: string }[] };
    expect(json.rows.map((r) => r.reason).sort()).toEqual(['""(none)""', '"(none)"', '(none)']);
    expect((await run('csv')).stdout.split('\n').slice(1, -1).map((l) => l.split(',')[0]).sort()).toEqual(['"""""(none)"""""', '"""(none)"""', '(none)']);
  });
});
