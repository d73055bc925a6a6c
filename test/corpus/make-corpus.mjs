#!/usr/bin/env node
// Writes the bad and tricky inputs of the reliability corpus into test/corpus/files/
// (committed; run again to regenerate): node test/corpus/make-corpus.mjs
// manifest.json lists each case's command and expected outcome; corpus.test.ts runs them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'files');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const put = (name, data) => fs.writeFileSync(path.join(dir, name), data);

// The METRICS.md example: cohort 2024-01 has 2 customers, one active at offset 1.
const EX = ['a,2024-01-05', 'a,2024-02-10', 'b,2024-01-20', 'c,2024-02-01'];
const csv = (header, rows, eol = '\n') => [header, ...rows].join(eol) + eol;

put('ok.csv', csv('id,time', EX));
put('ragged-more.csv', csv('id,time', ['a,2024-01-05', 'a,2024-02-10,extra', 'b,2024-01-20']));
put('ragged-fewer.csv', csv('id,time,plan', ['a,2024-01-05,x', 'a,2024-02-10', 'b,2024-01-20,y']));
put('quoted-comma.csv', csv('id,time,name', ['"a,1",2024-01-05,"x, y"', '"a,1",2024-02-10,"line\nbreak"', 'b,2024-01-20,z']));
put('quoted-escaped.csv', csv('id,time', ['"a""q",2024-01-05', '"a""q",2024-02-10', '"b",2024-01-20']));
put('unterminated-quote.csv', csv('id,time', ['a,2024-01-05', '"a,2024-02-10', 'b,2024-01-20']));
put('bom.csv', '\ufeff' + csv('id,time', EX));
put('crlf.csv', csv('id,time', EX, '\r\n'));
put('cr.csv', csv('id,time', EX, '\r'));
put('cp1252.csv', Buffer.concat([Buffer.from('id,time\n'), Buffer.from([0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65]), Buffer.from(',2024-01-05\n'),
  Buffer.from([0x4a, 0xe9, 0x72, 0xf4, 0x6d, 0x65]), Buffer.from(',2024-02-10\n'), Buffer.from('Jerome,2024-01-20\n')]));
put('nul.csv', Buffer.concat([Buffer.from('id,time\na\0,2024-01-05\na\0,2024-02-10\n'), Buffer.from('b,2024-01-20\n')]));
put('nul-binary.csv', Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37) & 0xff)));
put('empty.csv', '');
put('header-only.csv', 'id,time\n');
put('blank-lines.csv', '\n\n\n');
put('dup-columns.csv', csv('id,time,id', ['a,2024-01-05,z', 'a,2024-02-10,z', 'b,2024-01-20,z']));
put('odd-names.csv', csv('"Customer ID","When (UTC)","=HYPERLINK(""x"")",__proto__,constructor', ['a,2024-01-05,1,p,c', 'a,2024-02-10,1,p,c', 'b,2024-01-20,1,q,c']));
put('empty-name.csv', csv('id,,time', ['a,1,2024-01-05', 'a,1,2024-02-10', 'b,1,2024-01-20']));
put('tab.tsv', csv('id\ttime', EX.map((r) => r.replace(',', '\t'))));
put('semicolon.csv', csv('id;time', EX.map((r) => r.replace(',', ';'))));

// Dates.
put('date-invalid.csv', csv('id,time', ['a,2024-01-05', 'a,2024-02-30', 'b,2024-01-20']));
put('date-mixed-epochs.csv', csv('id,time', ['a,1704412800', 'a,1707177600000', 'b,1705708800']));
put('date-mixed-forms.csv', csv('id,time', ['a,2024-01-05', 'a,15/02/2024', 'b,2024-01-20']));
put('date-ambiguous.csv', csv('id,time', ['a,05/01/2024', 'a,10/02/2024', 'b,01/03/2024']));
put('date-slash-ymd.csv', csv('id,time', ['a,2024/01/05', 'a,2024/02/10', 'b,2024/01/20']));
put('date-epoch-ms.csv', csv('id,time', ['a,1704412800000', 'a,1707523200000', 'b,1705708800000']));
put('date-epoch-s.csv', csv('id,time', ['a,1704412800', 'a,1707523200', 'b,1705708800']));
put('date-yyyymmdd.csv', csv('id,time', ['a,20240105', 'a,20240210', 'b,20240120']));
put('date-offsets.csv', csv('id,time', ['a,2024-01-05T23:30:00-05:00', 'a,2024-02-10T00:00:00+01:00', 'b,2024-01-20T12:00:00Z']));
put('date-empty.csv', csv('id,time', ['a,2024-01-05', 'a,', 'b,2024-01-20', 'c,']));
put('date-none-readable.csv', csv('id,time', ['a,yesterday', 'a,soon', 'b,never']));
put('date-far.csv', csv('id,time', ['a,2024-01-05', 'a,9999-12-31', 'b,2024-01-20']));
put('date-dmy-dots.csv', csv('id,time', ['a,05.01.2024', 'a,10.02.2024', 'b,20.01.2024']));
const manyRows = (bad) => csv('id,time', Array.from({ length: 200 }, (_, i) => `c${i % 40},${i < bad ? 'not a date' : `2024-0${1 + (i % 2)}-1${i % 10}`}`));
put('date-one-bad-in-200.csv', manyRows(1));
put('date-five-bad-in-200.csv', manyRows(5));

// Amounts.
put('amount-en.csv', csv('id,time,amount', ['a,2024-01-05,"1,000.50"', 'a,2024-02-10,500.25', 'b,2024-01-20,"2,000.00"']));
put('amount-de.csv', csv('id;time;amount', ['a;2024-01-05;1.000,50', 'a;2024-02-10;500,25', 'b;2024-01-20;2.000,00']));
put('amount-comma.csv', csv('id;time;amount', ['a;2024-01-05;2,5', 'a;2024-02-10;1,25', 'b;2024-01-20;3']));
put('amount-mixed-marks.csv', csv('id,time,amount', ['a,2024-01-05,"1,000.50"', 'a,2024-02-10,"2,5"', 'b,2024-01-20,3']));
put('amount-none-readable.csv', csv('id,time,amount', ['a,2024-01-05,abc', 'a,2024-02-10,def', 'b,2024-01-20,']));
put('amount-currency.csv', csv('id,time,amount', ['a,2024-01-05,$10.00', 'a,2024-02-10,$5.00', 'b,2024-01-20,$30.00']));
put('amount-missing.csv', csv('id,time,amount', ['a,2024-01-05,10', 'a,2024-02-10,NA', 'b,2024-01-20,']));

// Ids.
put('id-leading-zeros.csv', csv('id,time', ['007,2024-01-05', '7,2024-01-06', '007,2024-02-06']));
put('id-big.csv', csv('id,time', Array.from({ length: 100 }, (_, i) => `${9007199254740993n + 2n * BigInt(i)},2024-01-05`)));
put('id-uuid.csv', csv('id,time', ['3f2504e0-4f89-11d3-9a0c-0305e82c3301,2024-01-05', '3f2504e0-4f89-11d3-9a0c-0305e82c3301,2024-02-10', '3F2504E0-4F89-11D3-9A0C-0305E82C3301,2024-01-20']));
put('id-mixed.csv', csv('id,time', ['17850,2024-01-05', 'C17850,2024-01-06', '17850.0,2024-01-07', '1.785e4,2024-01-08', '17850,2024-02-06']));
put('id-number-forms.csv', csv('id,time', ['1.5,2024-01-05', '1.50,2024-01-05', '1e3,2024-01-05', '1000,2024-01-05', '0,2024-01-05', '-0,2024-01-05']));
put('id-unpadded.csv', csv('id,time', Array.from({ length: 300 }, (_, i) => `${300 - i},2024-01-0${1 + (i % 9)}`)));
put('id-missing.csv', csv('id,time', ['a,2024-01-05', ',2024-01-06', 'a,2024-02-10', ',2024-02-11', 'b,2024-01-20']));

// Formats.
put('ok.csv.gz', gzipSync(fs.readFileSync(path.join(dir, 'ok.csv'))));
const gz = gzipSync(Buffer.from(csv('id,time', Array.from({ length: 2000 }, (_, i) => `c${i},2024-01-05`))));
put('truncated.csv.gz', gz.subarray(0, Math.floor(gz.length / 2)));
put('not-parquet.parquet', fs.readFileSync(path.join(dir, 'ok.csv')));
put('not-arrow.arrow', Buffer.from('ARROW1\0\0garbage that is not an IPC file'));
put('png.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
put('binary-noext', Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7, 8]));
put('ok.ndjson', EX.map((r) => { const [id, time] = r.split(','); return JSON.stringify({ id, time }); }).join('\n') + '\n');
put('bad-line.ndjson', '{"id":"a","time":"2024-01-05"}\n{"id":"a","time":\n');
put('not-object.ndjson', '{"id":"a","time":"2024-01-05"}\n[1,2]\n');
put('array.json', JSON.stringify(EX.map((r) => { const [id, time] = r.split(','); return { id, time }; })));
put('customers.csv', csv('id,signup', ['a,2024-01-01', 'b,2024-01-02', 'c,2024-02-01']));
