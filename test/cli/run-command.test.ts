import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const ACTIVITY = 'id,time,country\n007,2024-01-05,DE\n8,2024-02-05,FR\n';
const CUSTOMERS = 'id,churned_at\n007,2024-03-01\n';
const stdin = (text: string) => () => Readable.from([Buffer.from(text)]);

describe('runCommand: an error about standard input names it as the user did, never the copy read', () => {
  it('compareNeedsBy lists the columns of "standard input", with the flag (--by)', async () => {
    const r = await runCli(['compare', '-', '--as-of', '2024-04-01', '-q'], { stdin: stdin(ACTIVITY) });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('kohort-input-');
    expect(r.stderr).toBe('kohort: kohort compare needs --by <column or condition>: what splits the customers into groups. The columns of standard input are "id", "time", "country"\n');
  });

  it('reasonsNeedReason lists the columns of the customers file read from "-", with the flag (--reason)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-run-command-'));
    writeFileSync(path.join(dir, 'a.csv'), ACTIVITY);
    const r = await runCli(['reasons', path.join(dir, 'a.csv'), '--customers', '-', '--as-of', '2024-04-01', '-q'], { stdin: stdin(CUSTOMERS) });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('kohort-input-');
    expect(r.stderr).toMatch(/pass --reason <column>.*\. The columns of standard input are "id", "churned_at"\n$/);
  });
});

describe('runCommand: rejects and warnings of an input read from standard input name it "standard input", never the copy read', () => {
  it('matrix - --rejects: the summary line and the rejects CSV\'s file column; --customers -: the padded-ids warning', async () => {
    const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-stdin-rejects-'));
    try {
      const rejects = path.join(dir, 'rejects.csv');
      const bad = 'customer_id,event_time\n1,2022-01-02\n2,2022-01-02\n2,never\n3,2022-01-03\n';
      const r = await runCli(['matrix', '-', '--max-rejects', '9', '--rejects', rejects, '--out', path.join(dir, 'm.csv')], { stdin: stdin(bad) });
      expect(r.code).toBe(0);
      expect(r.stderr).not.toContain('kohort-input-');
      expect(r.stderr).toContain('first standard input row 3:');
      expect(readFileSync(rejects, 'utf8')).toBe('file,row,column,value,reason\nstandard input,3,event_time,never,is not a date or time\n');

      writeFileSync(path.join(dir, 'a.csv'), 'customer_id,event_time\n7,2022-01-02\n8,2022-01-02\n');
      const c = await runCli(['matrix', path.join(dir, 'a.csv'), '--customers', '-', '--out', path.join(dir, 'c.csv'), '-q'], { stdin: stdin('customer_id,signup_at\n" 7",2022-01-01\n8,2022-01-01\n') });
      expect(c.code).toBe(0);
      expect(c.stderr).not.toContain('kohort-input-');
      expect(c.stderr).toContain('1 distinct id of standard input had surrounding spaces or tabs');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
