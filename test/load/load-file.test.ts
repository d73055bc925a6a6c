import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as A from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBytes, loadFile } from '../../src/load/load-file.js';
import { readColumnNames } from '../../src/load/read-column-names.js';
import { bytes, col, cols, expectKohortError, tempDir } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const write = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const arrowBytes = () => A.tableToIPC(A.tableFromArrays({ id: new Float64Array([1, 2]) }), 'stream');

describe('loadFile(path)', () => {
  it('sniffs the format from the extension and the delimiter from the content', async () => {
    const csv = await loadFile(write('a.csv', 'id;v\n1;x\n'));
    expect(csv.format).toBe('csv');
    expect(cols(csv)).toEqual({ id: [1], v: ['x'] });
    expect((await loadFile(write('a.ndjson', '{"id":1}\n'))).format).toBe('ndjson');
    expect((await loadFile(write('a.arrow', arrowBytes()))).format).toBe('arrow');
  });

  it('sniffs the format from the content for an unknown extension, gzip included', async () => {
    expect((await loadFile(write('a.log', '{"id":1}\n'))).format).toBe('ndjson');
    expect((await loadFile(write('a.bin', arrowBytes()))).format).toBe('arrow');
    expect((await loadFile(write('a.out', gzipSync(bytes('{"id":1}\n'))))).format).toBe('ndjson');
    const csv = await loadFile(write('a.unknown', gzipSync(bytes('id,v\n1,2\n'))));
    expect(cols(csv)).toEqual({ id: [1], v: [2] });
  });

  it('honours format, delimiter and header options', async () => {
    const path = write('data.json', '1|a\n2|b\n');
    const d = await loadFile(path, { format: 'csv', delimiter: '|', header: false });
    expect(cols(d)).toEqual({ col_1: [1, 2], col_2: ['a', 'b'] });
  });

  it('reads only the columns asked for, in every format', async () => {
    const csv = await loadFile(write('p.csv', 'a,b,c\n1,x,2024-01-01\n'), { columns: ['c', 'a'] });
    expect(cols(csv)).toEqual({ a: [1], c: [Date.UTC(2024, 0, 1)] });
    const arrow = await loadFile(write('p.arrow', arrowBytes()), { columns: ['id', 'other'] });
    expect(arrow.table.columnNames()).toEqual(['id']);
    const none = await loadFile(write('q.csv', 'a,b\n1,2\n'), { columns: ['b'], progress: false });
    expect(cols(none)).toEqual({ b: [2] });
  });

  it('reads UTF-16 text with a byte order mark (Excel\'s "Unicode Text": little-endian, tab-separated), gzip too', async () => {
    const text = 'Kunden-Nr\tDatum\n007\t2024-01-05\nJosé\t2024-02-01\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, content] of [['le.txt', le], ['be.csv', be], ['le.csv.gz', gzipSync(le)]] as const) {
      const path = write(name, content);
      expect(await readColumnNames(path), name).toEqual(['Kunden-Nr', 'Datum']);
      const d = await loadFile(path, { text: (c) => c === 'Kunden-Nr' });
      expect(cols(d), name).toEqual({ 'Kunden-Nr': ['007', 'José'], Datum: [Date.UTC(2024, 0, 5), Date.UTC(2024, 1, 1)] });
    }
  });

  it('reads gzip-compressed Arrow', async () => {
    const d = await loadFile(write('a.arrow.gz', gzipSync(arrowBytes())));
    expect(col(d, 'id')).toEqual([1, 2]);
  });

  it('fails with unreadableFile for a missing file or a directory', async () => {
    const missing = join(dir, 'nope.csv');
    const err = await expectKohortError(() => loadFile(missing), 'unreadableFile');
    expect(err.message).toBe(`${missing}: cannot read the file (no such file)`);
    expect(err.file).toBe(missing);
    mkdirSync(join(dir, 'sub.csv'));
    const isDir = await expectKohortError(() => loadFile(join(dir, 'sub.csv')), 'unreadableFile');
    expect(isDir.message).toContain('it is a directory');
  });

  it.skipIf(process.getuid?.() === 0)('fails with unreadableFile for a file without read permission', async () => {
    const path = write('locked.csv', 'a\n1\n');
    chmodSync(path, 0o000);
    const err = await expectKohortError(() => loadFile(path), 'unreadableFile');
    expect(err.message).toContain('permission denied');
  });

  it('fails with emptyFile for an empty file, blank lines or a header alone', async () => {
    for (const [name, content] of [['empty.csv', ''], ['blank.csv', '\n\n'], ['header.csv', 'a,b\r\n'], ['e.ndjson', '\n']]) {
      const err = await expectKohortError(() => loadFile(write(name, content)), 'emptyFile');
      expect(err.message).toBe(`${join(dir, name)}: the file has no data rows`);
    }
  });

  it('fails with badFile for a corrupt Parquet or Arrow file', async () => {
    await expectKohortError(() => loadFile(write('bad.parquet', 'PAR1 garbage garbage PAR1')), 'badFile');
    await expectKohortError(() => loadFile(write('bad.arrow', 'not arrow at all')), 'badFile');
  });

  it('fails with unknownFormat for binary content without a known extension', async () => {
    const err = await expectKohortError(() => loadFile(write('blob.bin', new Uint8Array([0, 1, 2, 3, 0]))), 'unknownFormat');
    expect(err.message).toContain('input.format');
  });

  it('fails with workbookFile for an Excel workbook or zip archive, telling to save the sheet as CSV', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, 0, 0, 0x21, 0]);
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    for (const [name, content] of [['book.xlsx', zip], ['old.xls', ole], ['export.zip', zip], ['noext', zip]] as const) {
      const path = write(name, content);
      const err = await expectKohortError(() => loadFile(path), 'workbookFile');
      expect(err.message, name).toContain('save the sheet as CSV');
      expect(err.message, name).toContain(path);
      await expectKohortError(() => loadBytes(content, { file: path }), 'workbookFile');
    }
    // A text export named .xls (as many systems write) is still read as the text it is.
    expect((await loadFile(write('report.xls', 'id\ttime\na\t2024-01-05\n'))).format).toBe('csv');
  });

  it('fails with raggedRow naming the file and row', async () => {
    const path = write('ragged.csv', 'a,b\n1,2\n3,4\n5\n');
    const err = await expectKohortError(() => loadFile(path), 'raggedRow');
    expect(err.message).toBe(`${path}, row 3: expected 2 fields, found 1`);
  });
});

describe('loadBytes(bytes, {file, format})', () => {
  it('reads in-memory content, sniffing from the name and bytes, gunzipping it', async () => {
    expect(cols(await loadBytes(bytes('a\tb\n1\t2\n'), { file: 'x.tsv' }))).toEqual({ a: [1], b: [2] });
    expect(cols(await loadBytes(gzipSync(bytes('a,b\n1,2\n')), { file: 'x.csv.gz' }))).toEqual({ a: [1], b: [2] });
    expect((await loadBytes(arrowBytes(), { file: 'mem' })).format).toBe('arrow');
    expect((await loadBytes(bytes('{"a":1}'), { file: 'mem', format: 'ndjson' })).rowsRead).toBe(1);
  });

  it('fails with emptyFile for no data rows', async () => {
    await expectKohortError(() => loadBytes(bytes('a,b\n'), { file: 'h.csv' }), 'emptyFile');
  });
});

const shared = (path: string) => fileURLToPath(new URL(`../../../shared/datasets/${path}`, import.meta.url));
const haveData = existsSync(shared('README.md'));
if (!haveData) console.warn('test/load/load-file: ../shared/datasets is absent; skipping the real-data loads');

describe.skipIf(!haveData)('loadFile(real datasets)', () => {
  const nonMissing = (values: unknown) => (values as Float64Array).filter((v) => v === v).length;

  it('loads online_retail.csv.gz: 541,909 rows, 406,829 with a CustomerID', async () => {
    const d = await loadFile(shared('online_retail/online_retail.csv.gz'));
    expect(d.rowsRead).toBe(541_909);
    // ISO date-times without a zone are read from the bytes as wall-clock epoch ms.
    expect(d.kinds).toMatchObject({ InvoiceNo: 'string', Quantity: 'number', InvoiceDate: 'wallclock', UnitPrice: 'number', CustomerID: 'number' });
    expect(nonMissing(d.table.column('CustomerID'))).toBe(406_829);
    expect(d.table.get('InvoiceDate', 0)).toBe(Date.UTC(2010, 11, 1, 8, 26));
  });

  it('loads Online_Retail.parquet with the same rows and CustomerIDs', async () => {
    const d = await loadFile(shared('online_retail/Online_Retail.parquet'));
    expect(d.rowsRead).toBe(541_909);
    expect(nonMissing(d.table.column('CustomerID'))).toBe(406_829);
    expect(d.kinds.InvoiceDate).toBe('wallclock');
  });

  it('loads CDNOW_master.txt (whitespace runs, CRLF): 69,659 rows and 4 named columns', async () => {
    const d = await loadFile(shared('cdnow/CDNOW_master.txt'));
    expect(d.rowsRead).toBe(69_659);
    expect(d.table.columnNames()).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
    expect(d.table.get('customer_id', 0)).toBe(1);
    expect(d.table.get('date', 0)).toBe(19970101);
    expect(new Set(d.table.column('customer_id') as unknown as Float64Array).size).toBe(23_570);
  });

  it('loads the Telco CSV: 7,043 rows, TotalCharges numeric with 11 blanks as NaN', async () => {
    const d = await loadFile(shared('telco/Telco-Customer-Churn.csv'));
    expect(d.rowsRead).toBe(7_043);
    expect(d.kinds.TotalCharges).toBe('number');
    const total = d.table.column('TotalCharges') as unknown as Float64Array;
    expect(total.length - nonMissing(total)).toBe(11);
    expect(d.kinds.Churn).toBe('string');
  });

  it('loads the CDNOW sample without a header when told so', async () => {
    const d = await loadFile(shared('cdnow/CDNOW_sample.txt'), { header: false });
    expect(d.table.numCols()).toBe(5);
    expect(new Set(d.table.column('col_1') as unknown as Float64Array).size).toBe(2_357);
  });

  it('loads the Maven telecom CSV and its cp1252 data dictionary', async () => {
    const d = await loadFile(shared('maven_telecom/telecom_customer_churn.csv'));
    expect(d.rowsRead).toBe(7_043);
    const dict = await loadFile(shared('maven_telecom/telecom_data_dictionary.csv'));
    expect(dict.rowsRead).toBeGreaterThan(10);
    expect(readFileSync(shared('maven_telecom/telecom_data_dictionary.csv')).length).toBeGreaterThan(0);
  });
});
