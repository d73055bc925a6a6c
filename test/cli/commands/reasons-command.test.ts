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
