import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { clickhouseExec } from '../../../src/engine/sql/connections/clickhouse-connection.js';

/** A table of a test data set: its CSV (header; fields quoted where they hold a comma) and its column types. */
export interface TestTable {
  name: string;
  file: string;
  /** Column name -> 'text' | 'number' | 'time' (ISO instants). */
  columns: Record<string, 'text' | 'number' | 'time'>;
}

/** A small CSV written to `dir` as NAME.csv (a header, then `lines`), as a test table of those column types. */
export function csvTable(dir: string, name: string, header: string, lines: readonly string[], columns: TestTable['columns']): TestTable {
  const file = path.join(dir, `${name}.csv`);
  writeFileSync(file, `${header}\n${lines.join('\n')}\n`);
  return { name, file, columns };
}

/** One CSV line's fields: "..." quotes a field ("" inside is a quote); no line breaks inside. */
function fields(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => (m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]));
}

function rows(file: string): { header: string[]; data: string[][] } {
  const [head, ...lines] = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  return { header: head.split(','), data: lines.map(fields) };
}

/** CREATE TABLE + server-side COPY (the file readable by the postgres user). */
export async function loadPostgres(conn: SqlConnection, t: TestTable): Promise<void> {
  const type = { text: 'text', number: 'double precision', time: 'timestamptz' };
  const cols = Object.entries(t.columns).map(([c, k]) => `"${c}" ${type[k]}`);
  await conn.query(`DROP TABLE IF EXISTS "${t.name}"`);
  await conn.query(`CREATE TABLE "${t.name}" (${cols.join(', ')})`);
  await conn.query(`COPY "${t.name}" FROM '${t.file}' WITH (FORMAT csv, HEADER true)`);
  await conn.query(`ANALYZE "${t.name}"`);
}

/** Shard of an id: the same on every run, so a customer's rows share a shard. */
function shardOf(id: string, shards: number): number {
  let h = 0;
  for (let i = 0; i < id.length; ++i) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % shards;
}

/**
 * A MergeTree table `<name>_local` on every shard, the rows split between them by id,
 * and a Distributed table `<name>` over them on the first shard (where queries go).
 */
export async function loadClickhouse(urls: string[], cluster: string, t: TestTable, idColumn: string): Promise<void> {
  const type = { text: 'Nullable(String)', number: 'Nullable(Float64)', time: 'Nullable(DateTime)' };
  const cols = Object.entries(t.columns).map(([c, k]) => `\`${c}\` ${c === idColumn ? 'String' : type[k]}`);
  const { header, data } = rows(t.file);
  const parts: string[][] = urls.map(() => []);
  const kinds = header.map((h) => t.columns[h]);
  const idAt = header.indexOf(idColumn);
  for (const r of data) {
    const cells = r.map((v, i) => {
      if (v === '') return '\\N';
      if (kinds[i] === 'time') return new Date(v).toISOString().slice(0, 19).replace('T', ' ');
      return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t');
    });
    parts[shardOf(r[idAt], urls.length)].push(cells.join('\t'));
  }
  for (let s = 0; s < urls.length; ++s) {
    await clickhouseExec(urls[s], `DROP TABLE IF EXISTS \`${t.name}_local\``);
    await clickhouseExec(urls[s], `CREATE TABLE \`${t.name}_local\` (${cols.join(', ')}) ENGINE = MergeTree() ORDER BY \`${idColumn}\``);
    await clickhouseExec(urls[s], `INSERT INTO \`${t.name}_local\` (${header.map((h) => `\`${h}\``).join(', ')}) FORMAT TabSeparated`, `${parts[s].join('\n')}\n`);
  }
  await clickhouseExec(urls[0], `DROP TABLE IF EXISTS \`${t.name}\``);
  await clickhouseExec(urls[0], `CREATE TABLE \`${t.name}\` AS \`${t.name}_local\` ENGINE = Distributed(${cluster}, default, \`${t.name}_local\`, cityHash64(\`${idColumn}\`))`);
}
