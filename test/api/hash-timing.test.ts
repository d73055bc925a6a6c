import { describe, expect, it, vi } from 'vitest';

const load = vi.hoisted(() => ({ avg: 0 }));
vi.mock('node:os', async (original) => ({
  ...(await original<typeof import('node:os')>()),
  availableParallelism: () => 2,
  loadavg: () => [load.avg, 0, 0],
}));
const { hashBeforeLoad } = await import('../../src/api/hash-timing.js');

describe('hashBeforeLoad(input)', () => {
  it('starts the hash of plain CSV inputs before the load, on a quiet machine and on a busy one', () => {
    for (const avg of [0, 2.4, 2.5, 10.7]) {
      load.avg = avg;
      expect(hashBeforeLoad({ activity: 'events.csv' })).toBe(true);
      expect(hashBeforeLoad({ activity: 'events.csv', customers: 'customers.TSV' })).toBe(true);
    }
  });

  it('starts the hash of Parquet inputs before the load too (a split Parquet load holds the gate as a CSV one)', () => {
    for (const avg of [0, 10.7]) {
      load.avg = avg;
      expect(hashBeforeLoad({ activity: 'events.parquet' })).toBe(true);
      expect(hashBeforeLoad({ activity: 'events.parquet', customers: 'customers.PARQUET' })).toBe(true);
      expect(hashBeforeLoad({ activity: 'events.parquet', customers: 'customers.csv' })).toBe(true);
    }
  });

  it('leaves compressed files and standard input to after the load', () => {
    for (const avg of [0, 10.7]) {
      load.avg = avg;
      expect(hashBeforeLoad({ activity: 'events.csv', customers: 'customers.csv.gz' })).toBe(false);
      expect(hashBeforeLoad({ activity: 'events.parquet', customers: 'customers.csv.gz' })).toBe(false);
      expect(hashBeforeLoad({})).toBe(false);
    }
  });
});
