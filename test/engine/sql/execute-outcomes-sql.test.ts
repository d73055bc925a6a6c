import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.js';

// kohort reasons / value on --engine duckdb with a churn time (not a status flag): the load report
// said "3 of 0 customers used" and value left out its activity rows and the churn-before-signup line.
describe('executeReasonsSql / executeValueSql load report with a churn time column', () => {
  it('is memory\'s: customers read, used, left out, and the activity rows used', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-outcome-report-'));
    const customers = path.join(dir, 'customers.csv');
    const activity = path.join(dir, 'events.csv');
    // d churns before its signup (left out); e has no id.
    writeFileSync(customers, 'id,signup,churn,reason,channel\na,2024-01-01,2024-03-01,price,x\nb,2024-01-02,,,y\nc,2024-02-01,2024-02-20,,x\nd,2024-02-01,2024-01-01,price,y\n,2024-01-01,,,x\n');
    writeFileSync(activity, 'id,time,amount\na,2024-01-05,10\na,2024-02-05,5\nb,2024-01-10,7\nc,2024-02-02,3\nz,2024-02-03,1\n');
    const commands = [
      ['reasons', customers, '--churn', 'churn', '--reason', 'reason', '--by', 'channel'],
      ['value', activity, '--customers', customers, '--churn', 'churn', '--amount', 'amount'],
      ['value', activity, '--customers', customers, '--inactive-after', '20d', '--amount', 'amount', '--by', 'channel'],
    ];
    for (const args of commands) {
      const memory = await runCli([...args, '--format', 'csv']);
      const duckdb = await runCli([...args, '--format', 'csv', '--engine', 'duckdb']);
      expect(memory.code, memory.stderr).toBe(0);
      expect(duckdb.stdout, args.join(' ')).toBe(memory.stdout);
      expect(duckdb.stderr, args.join(' ')).toBe(memory.stderr);
    }
    expect((await runCli([...commands[0], '--format', 'csv'])).stderr).toContain('3 of 4 customers used');
  }, 60_000);
});
