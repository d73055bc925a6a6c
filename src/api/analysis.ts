import type { Awaitable, Engine } from '../engine/engine.js';
import { memoryEngine } from '../engine/memory/memory-engine.js';
import { inputSchema, type InputSchema, type InputTables } from '../load/input-tables.js';
import { loadInputs, readInputSchema, type LoadInputOptions } from '../load/load-inputs.js';
import type { Projection } from '../plan/projection.js';
import type { InputSpec } from '../spec/types.js';
import { idColumns } from '../spec/detect-column.js';
import { planExplained } from './explain-nested.js';

/*
 * Every analysis runs the same way:
 *
 *   spec ──readInputSchema──▶ column names ──plan (normalize + plan)──▶ plan (plain data)
 *        ──loadInputs (the plan's columns only)──▶ tables ──engine──▶ result
 */

/** What every plan has: the columns to read of each table. */
export interface PlanLike {
  read: Projection;
}

/** One analysis: how its spec becomes a plan, and which engine method executes it. */
export interface Analysis<S extends { input: InputSpec }, P extends PlanLike, R, K extends string = string> {
  /** The result kind (the export registry's key, export/formats.ts). */
  kind: K;
  /** Normalize the spec against the input's column names and plan it; throws KohortError. */
  plan(spec: S, schema: InputSchema): P;
  /** Execute a plan on an engine. */
  run(engine: Engine, plan: P, tables: InputTables): Awaitable<R>;
  /** Before loading: start what the run will need (the kernels' worker thread). */
  warm?(spec: S): Awaitable<void>;
}

/**
 * prepare: spec -> plan -> the tables it needs. The column names are read first (CSV
 * header, Parquet footer), so columns are resolved and checked before any data is read
 * and only the planned columns are loaded; formats whose names cannot be read cheaply are
 * loaded whole and planned afterwards.
 */
export async function prepare<S extends { input: InputSpec }, P extends PlanLike, R>(
  analysis: Analysis<S, P, R>,
  spec: S,
  opts: LoadInputOptions = {},
): Promise<{ plan: P; tables: InputTables }> {
  await analysis.warm?.(spec);
  const schema = await readInputSchema(spec.input);
  if (schema) {
    const plan = await planExplained(() => analysis.plan(spec, schema), spec.input);
    return { plan, tables: await loadInputs(spec.input, plan.read, opts) };
  }
  // Ids are text: without a plan, the id column given or any named like an id.
  const id = (spec as { columns?: { id?: string } }).columns?.id;
  const tables = await loadInputs(spec.input, {}, { ...opts, text: idColumns(id) });
  return { plan: analysis.plan(spec, inputSchema(tables)), tables };
}

/** analyze: spec -> result: prepare, then compute on the in-memory engine. */
export async function analyze<S extends { input: InputSpec }, P extends PlanLike, R>(analysis: Analysis<S, P, R>, spec: S): Promise<R> {
  const { plan, tables } = await prepare(analysis, spec);
  return compute(analysis, plan, tables);
}

/** The plan of a spec over in-memory tables (their column names are the schema). */
export function planTables<S extends { input: InputSpec }, P extends PlanLike, R>(
  analysis: Analysis<S, P, R>,
  spec: Omit<S, 'input'>,
  tables: InputTables,
): P {
  return analysis.plan({ ...spec, input: {} } as S, inputSchema(tables));
}

/** compute: execute a prepared plan (on the in-memory engine unless another is given). */
export function compute<S extends { input: InputSpec }, P extends PlanLike, R>(
  analysis: Analysis<S, P, R>,
  plan: P,
  tables: InputTables,
  engine: Engine = memoryEngine,
): Awaitable<R> {
  return analysis.run(engine, plan, tables);
}
