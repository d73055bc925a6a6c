import type { FieldName } from '../field-name.js';
import { counted, q } from './message-format.js';

/** The catalogue's messages of the SQL engines (src/engine/sql) and of the choice of an engine. */
export const sqlMessages = {
  sqlNotTime: (p: { table: string; column: string; type: string }) =>
    `${q(p.table)}: column ${q(p.column)} is ${p.type}, not a timestamp or date; the SQL engines need a time column typed as one`,
  sqlTimeNotRead: (p: { table: string; column: string; example: string; why: string; engine: string }, n: FieldName) =>
    `${q(p.table)}: column ${q(p.column)} holds times such as ${q(p.example)} (${p.why}), which the ${p.engine} engine does not read; ${n('engine')} memory reads it`,
  sqlMixedDayMonth: (p: { a: string; b: string }, n: FieldName) =>
    `the time column mixes day-month dates written with different separators (${q(p.a)}, ${q(p.b)}); pass ${n('dateFormat')} DD/MM/YYYY (or MM/DD/YYYY) to say which is meant`,
  sqlTimeInvalid: (p: { table: string; column: string; example: string; form: string; from: string; engine: string }, n: FieldName) =>
    `${q(p.table)}: column ${q(p.column)}: ${q(p.example)} is not a ${p.form} date (the order ${p.from}); the ${p.engine} engine reads a time column only when every value reads: fix the value, or ${n('engine')} memory counts such rows as rejects`,
  sqlAmountNotNumber: (p: { count: number; examples: readonly string[] }, n: FieldName) =>
    `${counted(p.count, 'value')} of ${n('amount')} ${p.count === 1 ? 'is' : 'are'} no number (${p.count > p.examples.length ? 'such as ' : ''}${p.examples.map(q).join(', ')}): the memory engine rejects such rows (within ${n('maxRejects')}), the SQL engines cannot; correct or blank those values, or use ${n('engine')} memory`,
  sqlDurationNotNumber: (p: { count: number; examples: readonly string[] }, n: FieldName) =>
    `${counted(p.count, 'value')} of ${n('duration')} ${p.count === 1 ? 'is' : 'are'} no number (${p.count > p.examples.length ? 'such as ' : ''}${p.examples.map(q).join(', ')}): the memory engine leaves such customers out and lists them in ${n('rejects')}, the SQL engines cannot; correct or blank those values, or use ${n('engine')} memory`,
  sqlUnsupported: (p: { what: string }, n: FieldName) => `the SQL engines do not compute ${p.what} yet; use ${n('engine')} memory`,
  sqlDuplicateIds: (p: { column: string; count: number; engine: string; relation: string }) =>
    `${counted(p.count, 'row repeats', 'rows repeat')} an id of column ${q(p.column)}; the memory engine keeps each id's first row, but a ${p.engine} ${p.relation} has no row order: remove the repeats (or use the memory engine)`,
  sqlEngineNeedsUrl: (p: { engine: string }, n: FieldName) =>
    `${n('engine')} ${p.engine} needs ${n('url')} (and ${n('table')}): the server and the table to read`,
  sqlDriverMissing: (p: { engine: string; pkg: string }, n: FieldName) =>
    `${n('engine')} ${p.engine} needs the npm package ${q(p.pkg)}, which is not installed: npm install ${p.pkg}`,
  sqlServerError: (p: { engine: string; message: string }) => `${p.engine}: ${p.message}`,
  sqlNeedsFiles: (p: { format: string }, n: FieldName) =>
    `${n('engine')} duckdb reads CSV and Parquet files; ${q(p.format)} input is not one of them (convert it, or use ${n('engine')} memory)`,
  tooLargeForMemory: (p: { file: string; sizeMB: number; needMB: number; haveMB: number }, n: FieldName) =>
    `${q(p.file)} (${p.sizeMB} MB) needs about ${p.needMB} MB in memory, more than this machine has (${p.haveMB} MB usable): run it with ${n('engine')} duckdb, which reads it out of core and spills to disk`,
} as const;
