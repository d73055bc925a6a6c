import { LABEL_NUMBER } from '../../load/numeric-labels.js';
import type { Projection, ReadTable } from '../../plan/projection.js';
import type { SqlConnection } from './connection.js';
import { countIf, SqlBuilder, type SqlSources, type SqlTable } from './sql-builder.js';

/** The largest label number a double gives back exactly (numericLabels: none beyond 2^53). */
const EXACT = 2 ** 53;

/**
 * labelSources: the tables a plan reads, with a CSV's text read as the memory engine reads
 * it (load-file.ts): the id columns as text (20-digit ids the sniffer makes doubles stay
 * apart), and each label column (cohort, --by, segment, reason: ReadTable.csvLabels) as
 * numbers only by numericLabels' rule, else as the file's text. DuckDB's sniffer types a
 * column DOUBLE where 12345678901234567891 and ...892 are one value, or "-01" is -1; a DATE
 * where "2024-1-5" prints 2024-01-05; and a VARCHAR where a number has spaces around it
 * (" 1.5"), which memory reads as a number. Only tables the connection reads from a file's
 * text change (DuckDB over CSV: SqlConnection.asText, asNumbers); a server's typed table is
 * left as it is.
 */
export async function labelSources(conn: SqlConnection, src: SqlSources, read: Projection): Promise<SqlSources> {
  if (!conn.asText) return src;
  // One after the other: a failed query must not leave the other running when the caller closes the connection.
  const activity = await labelTable(conn, src.activity, read.activity);
  const customers = await labelTable(conn, src.customers, read.customers);
  return { ...src, activity, customers };
}

async function labelTable(conn: SqlConnection, table: SqlTable | undefined, read: ReadTable | undefined): Promise<SqlTable | undefined> {
  if (!table || !read) return table;
  const typed = (c: string): boolean => table.types[c] !== undefined && table.types[c] !== 'text';
  const ids = (read.text ?? []).filter(typed);
  const all = [...new Set(read.csvLabels ?? [])];
  const labels = all.filter(typed);
  // Text the sniffer kept as text that memory reads as numbers (" 1.5", padded): numbers here too.
  const textLabels = all.filter((c) => table.types[c] === 'text' && !(read.text ?? []).includes(c));
  if (!ids.length && !labels.length && !textLabels.length) return table;
  const text = conn.asText!(table, [...ids, ...labels]);
  if (!text) return table;
  const numbers = await numberLabels(conn, text, [...labels.filter((c) => table.types[c] === 'number'), ...textLabels]);
  const asText = [...ids, ...labels.filter((c) => !numbers.includes(c))];
  const textNumbers = textLabels.filter((c) => numbers.includes(c));
  const out = asText.length ? conn.asText!(table, asText)! : table;
  return textNumbers.length && conn.asNumbers ? (conn.asNumbers(out, textNumbers) ?? out) : out;
}

/**
 * The columns (read as text in `table`) whose every non-blank value is a decimal number by
 * numericLabels' rule (LABEL_NUMBER, none beyond 2^53) and one at least has a point or an
 * exponent: one aggregate over the file.
 */
async function numberLabels(conn: SqlConnection, table: SqlTable, columns: string[]): Promise<string[]> {
  if (!columns.length) return [];
  const b = new SqlBuilder(conn.dialect);
  const d = b.d;
  const group = d.regexpGroup;
  if (!group) return [];
  const items = columns.flatMap((c, i) => {
    const col = d.text(b.id(c));
    // A character other than white space: the value is not blank.
    const v = group(col, '(\\S)', 1);
    const num = group(col, `^\\s*(${LABEL_NUMBER.source.slice(1, -1)})\\s*$`, 1);
    const exact = `abs(${d.tryDouble ? d.tryDouble(num) : d.double(num)}) <= ${EXACT}`;
    return [
      `${countIf(d, `${v} IS NOT NULL AND NOT coalesce(${num} IS NOT NULL AND ${exact}, false)`)} AS t${i}`,
      `${countIf(d, `${group(num, '([.eE])', 1)} IS NOT NULL`)} AS f${i}`,
    ];
  });
  const [r] = await conn.query(`SELECT ${items.join(', ')} FROM ${table.from}`);
  return columns.filter((_, i) => Number(r?.[`t${i}`] ?? 1) === 0 && Number(r?.[`f${i}`] ?? 0) > 0);
}
