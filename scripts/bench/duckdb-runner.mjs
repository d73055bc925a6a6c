// Child process: one DuckDB run of one question. Loads the needed tables (timed as
// "load"), runs the question's SQL (timed as "compute", including fetching the rows),
// and writes { engine, ok, timings, rows } as JSON to --out.
// Usage: node scripts/bench/duckdb-runner.mjs --question classic --data DIR --input parquet|csv --out FILE
//          [--period day|week|month] [--time-shape SHAPE]   (shape benchmark: offsets' period, how to parse event_time)
//          [--anchor first-activity|signup]   (matrix questions: what anchors a customer's cohort)
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadSql, shapeEventsLoadSql, questionSql, QUESTION_COLUMNS, QUESTION_TABLES, EVENT_COLUMNS, CUSTOMER_COLUMNS } from './duckdb-sql.mjs';

const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };
const question = arg('question'), dir = arg('data'), out = arg('out');
// DuckDB cannot read Arrow IPC here (the extension would download): Arrow runs use Parquet.
const input = arg('input', 'parquet') === 'csv' ? 'csv' : 'parquet';
const COLUMNS = { events: EVENT_COLUMNS, customers: CUSTOMER_COLUMNS };

async function main() {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const t0 = performance.now();
  const timeShape = arg('time-shape');
  if (timeShape) await con.run("SET TimeZone = 'UTC'");
  for (const table of QUESTION_TABLES[question]) {
    const file = path.join(dir, `${table}.${input}`);
    await con.run(timeShape && table === 'events' ? shapeEventsLoadSql(file, timeShape) : loadSql(table, file, COLUMNS[table], QUESTION_COLUMNS[question]?.[table]));
  }
  const t1 = performance.now();
  const reader = await con.runAndReadAll(questionSql(question, { anchor: arg('anchor', 'first-activity'), period: arg('period', 'month') }));
  const rows = reader.getRowObjectsJson();
  const t2 = performance.now();
  const timings = { load: t1 - t0, compute: t2 - t1, total: t2 - t0 };
  fs.writeFileSync(out, JSON.stringify({ engine: 'duckdb', ok: true, question, input, timings, rows }));
}

main().catch((err) => {
  fs.writeFileSync(out, JSON.stringify({ engine: 'duckdb', ok: false, question, error: String(err?.message ?? err).split('\n')[0] }));
  console.error(err);
  process.exitCode = 1;
});
