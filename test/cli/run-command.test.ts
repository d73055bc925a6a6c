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
