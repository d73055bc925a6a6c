import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

// What the run writes to standard output (fd 1), captured below the rejects writer.
const stdout: string[] = [];
vi.mock('../../src/report/write-fd.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/report/write-fd.js')>();
  return {
    ...real,
    writeFully: (fd: number, b: Uint8Array, calls?: Parameters<typeof real.writeFully>[2]) =>
      fd === 1 ? void stdout.push(Buffer.from(b).toString('utf8')) : real.writeFully(fd, b, calls),
  };
});

const { retentionReport } = await import('../../src/api/report.js');

const dir = mkdtempSync(path.join(tmpdir(), 'kohort-report-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('retentionReport(spec) with rejects', () => {
  it('writes the rejects file once per run, not once per matrix mode (rejects "-" had two headers; a FIFO blocked on its second open)', async () => {
    const activity = path.join(dir, 'activity.csv');
    const customers = path.join(dir, 'customers.csv');
    writeFileSync(activity, 'customer_id,event_time\n1,2022-01-02\n2,2022-01-02\n2,never\n3,2022-01-03\n1,2022-02-05\n');
    writeFileSync(customers, 'customer_id,signup_at,churned_at,channel\n1,2022-01-01,,a\n2,2022-01-01,someday,b\n3,2022-01-01,2022-02-01,a\n');
    for (const modes of [undefined, ['classic', 'unbounded', 'survival'] as const]) {
      stdout.length = 0;
      await retentionReport({
        input: { activity, customers },
        columns: { id: 'customer_id', time: 'event_time', signup: 'signup_at', churn: 'churned_at' },
        by: ['channel'],
        ...(modes ? { modes: [...modes] } : {}),
        maxRejects: '9',
        rejects: '-',
      });
      const lines = stdout.join('').trimEnd().split('\n');
      expect(lines.filter((l) => l === 'file,row,column,value,reason')).toHaveLength(1);
      expect(lines.filter((l) => l.includes(',3,event_time,never,'))).toHaveLength(1);
      // With the survival mode, its matrix writes: the churn column's reject is listed too.
      if (modes) expect(lines.filter((l) => l.includes(',2,churned_at,someday,'))).toHaveLength(1);
    }
  });
});
