import { Option, type Command } from 'commander';
import { ENGINE_NAMES, type EngineName, type SqlEngineOptions } from '../api/engines.js';
import type { EngineSpec } from '../api/engine-section.js';

/** The engine flags of a command. */
export interface EngineFlags {
  engine?: EngineName;
  url?: string;
  table?: string;
  customersTable?: string;
  duckdbMemory?: string;
  duckdbTemp?: string;
}

/** Add --engine, --url, --table, --customers-table (and DuckDB's spill settings) to a command. */
export function addEngineOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--engine <engine>', 'where to compute: memory (kohort itself), duckdb (embedded, out of core, over the files), postgres or clickhouse (a server, over --table)').choices(ENGINE_NAMES).default('memory'))
    .option('--url <url>', 'server for --engine postgres (postgres://user@host:5432/db) or clickhouse (http://host:8123/)')
    .option('--table <name>', 'activity table on the server (schema.table allowed)')
    .option('--customers-table <name>', 'customers table on the server')
    .option('--duckdb-memory <limit>', 'DuckDB memory_limit, e.g. 4GB (it spills to disk beyond)')
    .option('--duckdb-temp <dir>', 'directory DuckDB spills to');
}

/** The SQL engine the flags ask for, or undefined for the memory engine. */
export function sqlEngine(f: EngineFlags): SqlEngineOptions | undefined {
  if (!f.engine || f.engine === 'memory') return undefined;
  return {
    engine: f.engine,
    url: f.url,
    table: f.table,
    customersTable: f.customersTable,
    duckdb: { memoryLimit: f.duckdbMemory, tempDirectory: f.duckdbTemp },
  };
}

/** The flags as a spec file's engine section (`kohort run spec.json --engine ...` overrides the spec's). */
export function engineSpecOfFlags(f: EngineFlags): EngineSpec {
  return {
    name: f.engine ?? 'memory',
    url: f.url,
    table: f.table,
    customersTable: f.customersTable,
    memoryLimit: f.duckdbMemory,
    tempDirectory: f.duckdbTemp,
  };
}
