import { describe, expect, it } from 'vitest';
import { hasSharedDataset, sharedDataset } from '../../shared-datasets.js';
import { runCli } from '../run-cli.js';

interface Row { cohort: string; offset: number; cohort_size: number; active: number }

async function tidy(args: string[]): Promise<Row[]> {
  const r = await runCli(['matrix', ...args, '--format', 'json', '--quiet']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).rows as Row[];
}

const firstCohort = (rows: Row[]): number[] => [
  rows[0].cohort_size,
  ...rows.filter((x) => x.cohort === '2010-12' && x.offset >= 1 && x.offset <= 3).map((x) => x.active),
];

const RETAIL = ['online_retail/online_retail.csv.gz', 'online_retail/Online_Retail.parquet'];
const FILTERS = ['--where', 'InvoiceNo !^= C', '--where', 'Quantity > 0', '--where', 'UnitPrice > 0'];

describe.each(RETAIL)('kohort matrix %s (Online Retail, published figures)', (file) => {
  const present = hasSharedDataset(file);
  const base = [sharedDataset(file), '--id', 'CustomerID', '--time', 'InvoiceDate', '--period', 'month', '--as-of', '2011-12-10'];

  it.skipIf(!present)('gives the 2010-12 cohort 948 customers, then 362, 317, 367', async () => {
    expect(firstCohort(await tidy(base))).toEqual([948, 362, 317, 367]);
  });

  it.skipIf(!present)('gives 885, then 324, 286, 340 without cancellations and non-positive lines', async () => {
    expect(firstCohort(await tidy([...base, ...FILTERS]))).toEqual([885, 324, 286, 340]);
  });
});

describe('kohort matrix CDNOW_master.txt (whitespace-separated, YYYYMMDD dates)', () => {
  const file = 'cdnow/CDNOW_master.txt';
  it.skipIf(!hasSharedDataset(file))('loads with no options and finds 7,846 / 8,476 / 7,248 customers', async () => {
    const rows = await tidy([sharedDataset(file), '--max-offset', '0']);
    expect(rows.map((x) => [x.cohort, x.cohort_size])).toEqual([
      ['1997-01', 7846],
      ['1997-02', 8476],
      ['1997-03', 7248],
    ]);
  });

  it.skipIf(!hasSharedDataset(file))('gives the same with an explicit --date-format', async () => {
    const rows = await tidy([sharedDataset(file), '--max-offset', '0', '--date-format', 'YYYYMMDD']);
    expect(rows.map((x) => x.cohort_size)).toEqual([7846, 8476, 7248]);
  });
});

describe('kohort matrix online_retail_ii_2009_2010.parquet (snappy, a column name with a space)', () => {
  const file = 'online_retail_ii/online_retail_ii_2009_2010.parquet';
  it.skipIf(!hasSharedDataset(file))('reads "Customer ID" and the string InvoiceDate, and counts 4,383 customers', async () => {
    // --partial: the 2010-12 cohort (47 customers) has no complete cell at the default as-of.
    const rows = await tidy([sharedDataset(file), '--id', 'Customer ID', '--time', 'InvoiceDate', '--max-offset', '0', '--partial']);
    expect(rows.reduce((s, x) => s + x.cohort_size, 0)).toBe(4383);
    expect(rows[0].cohort).toBe('2009-12');
  });
});
