import { amountOf, isPlainNumberText, isPresentText, textDecimal } from '../memory/prepare/amount-column.js';
import type { DecimalMark } from '../../load/locale-number.js';
import { fail, messageText } from '../../errors.js';
import type { SqlConnection } from './connection.js';
import { SqlBuilder, type SqlTable } from './sql-builder.js';

/**
 * Numbers written as text ("$5", "1,000.50", "1.000,50", "n/a") read on SQL as the memory
 * engine reads them (readAmounts), in every dialect with a regular-expression replace.
 *
 * Whether a text is a number, and which mark is its decimal one, depends only on its
 * shape: the text with the digits 1-9 written as 1 ("$1,011.01" for "$4,095.50"; a 0
 * stays 0, as "0.500" tells the decimal mark where "1.500" does not). One small query
 * returns each shape with an example and its count; the memory engine's own rules
 * (textDecimal, amountOf) judge the examples; the SQL then reads a value of a good shape
 * by deleting everything but its digits, sign and decimal mark, and leaves the rest NULL.
 */
export interface TextNumbers {
  decimal: DecimalMark;
  /** Shapes whose texts are numbers, read by deleting the other characters. */
  stripped: string[];
  /** Shapes of plain numbers with an exponent ("1e3"), read by a cast of the trimmed text. */
  cast: string[];
  /** Present values that are no number: how many, and a few of them. */
  rejected: { count: number; examples: string[] };
}

const shapeOf = (b: SqlBuilder, text: string): string => b.d.regexpReplace(text, '[1-9]', '1');

/**
 * readTextNumbers: the shapes of a text column's values, judged by the memory engine's
 * rules. Fails as memory does: mixed or undecidable decimal marks, or no value a number.
 */
export async function readTextNumbers(conn: SqlConnection, table: SqlTable, column: string, decimal: DecimalMark | undefined): Promise<TextNumbers> {
  const b = new SqlBuilder(conn.dialect);
  const t = b.d.text(b.id(column));
  const rows = await conn.query(
    `SELECT ${shapeOf(b, t)} AS s, min(${t}) AS x, ${b.d.bigint('count(*)')} AS n FROM ${table.from} WHERE ${b.id(column)} IS NOT NULL GROUP BY ${shapeOf(b, t)}`,
  );
  const shapes = rows.map((r) => ({ shape: String(r.s), example: String(r.x), n: Number(r.n) }));
  // Ordered by example, so the texts an error quotes do not depend on the database's order.
  shapes.sort((a, c) => (a.example < c.example ? -1 : a.example > c.example ? 1 : 0));
  const where = { file: table.name, column };
  const mark = textDecimal(shapes.map((s) => s.example), { ...where, decimal });
  const out: TextNumbers = { decimal: mark, stripped: [], cast: [], rejected: { count: 0, examples: [] } };
  let present = 0;
  for (const s of shapes) {
    if (!isPresentText(s.example)) continue;
    ++present;
    const v = amountOf(s.example, mark);
    if (v !== v) {
      out.rejected.count += s.n;
      if (out.rejected.examples.length < 3) out.rejected.examples.push(s.example);
    } else if (mark === '.' && isPlainNumberText(s.example) && /[eE]/.test(s.example)) out.cast.push(s.shape);
    else out.stripped.push(s.shape);
  }
  if (present > 0 && out.stripped.length + out.cast.length === 0) fail('noAmountParsed', { example: out.rejected.examples[0] ?? '' }, where);
  return out;
}

/** The SQL number of a text column read by `r` (NULL for missing values and texts that are no number). */
export function textNumberSql(b: SqlBuilder, column: string, r: TextNumbers): string {
  const d = b.d;
  const t = d.text(b.id(column));
  const list = (xs: string[]): string => xs.map((x) => b.str(x)).join(', ');
  // A checked cast where the dialect has one: ClickHouse evaluates every branch of a CASE.
  const num = (e: string): string => (d.tryDouble ?? d.double)(e);
  const when: string[] = [];
  if (r.stripped.length) {
    let digits = d.regexpReplace(t, r.decimal === '.' ? '[^0-9.+-]' : '[^0-9,+-]', '');
    if (r.decimal === ',') digits = d.regexpReplace(digits, ',', '.');
    when.push(`WHEN ${shapeOf(b, t)} IN (${list(r.stripped)}) THEN ${num(digits)}`);
  }
  if (r.cast.length) when.push(`WHEN ${shapeOf(b, t)} IN (${list(r.cast)}) THEN ${num(d.regexpReplace(t, '[^0-9.eE+-]', ''))}`);
  return when.length ? `CASE ${when.join(' ')} ELSE NULL END` : d.double('NULL');
}

/**
 * readNumberColumns: make each named text column of `table` readable as a number the way
 * the memory engine reads amounts (table.numbers: "1,234.56", "1.234,56", "$5"; missing
 * texts NULL). A present value that is no number is refused: memory counts it as a
 * rejected row, which the SQL engines do not count. Number columns stay a cast.
 */
export async function readNumberColumns(
  conn: SqlConnection,
  table: SqlTable | undefined,
  columns: readonly string[],
  decimal: DecimalMark | undefined,
  role: 'amount' | 'duration' = 'amount',
): Promise<void> {
  if (!table) return;
  for (const column of columns) {
    // Whole numbers DuckDB keeps as text (CSV integers) cast exactly: no pass over their shapes.
    if (table.types[column] !== 'text' || table.numbers?.[column] !== undefined || table.numberText?.includes(column)) continue;
    const reading = await readTextNumbers(conn, table, column, decimal);
    const { count, examples } = reading.rejected;
    if (count > 0) fail(role === 'amount' ? 'sqlAmountNotNumber' : 'sqlDurationNotNumber', { count, examples }, { file: table.name, column });
    table.numbers = { ...table.numbers, [column]: textNumberSql(new SqlBuilder(conn.dialect), column, reading) };
  }
}

/** The warning of rejected values, as memory words it (without row numbers: a SQL table has none). */
export function rejectedWarning(column: string, r: TextNumbers): string | undefined {
  const n = r.rejected.count;
  if (!n) return undefined;
  const shown = r.rejected.examples.map((x) => JSON.stringify(x)).join(', ') + (n > r.rejected.examples.length ? ', ...' : '');
  return messageText('valuesNotNumbers', { count: n, column, shown });
}
