import { compute, prepare, type Analysis, type PlanLike } from '../api/analysis.js';
import { checkFitsInMemory, runOnEngine } from '../api/engines.js';
import { isSpecKind, OUTPUT_TABLE_NAMES, specOfCommand } from '../api/run-spec.js';
import { sqlEngine, type EngineFlags } from './engine-options.js';
import type { InputSpec } from '../api/spec-fields.js';
import { fail } from '../errors.js';
import { summarize, type ResultKind, type ResultKinds, type WriteOptions } from '../export/formats.js';
import type { CliIO } from './io.js';
import { assertNotInput } from '../export/output-guard.js';
import type { OutputOptions } from './options.js';
import { checkOutputs, inputHashes, writeOutputs, type RunOutput } from './write-outputs.js';

/** What a command adds to the common run: writer options and notes after the summary. */
export interface RunExtras<R> {
  write?: WriteOptions;
  /** Lines after the summary on stderr (they may name the command's flags). */
  notes?: (result: R) => string[];
}

/**
 * The spec output of a command's --format/--out/--no-curve: "tidy-csv" is csv of the long
 * table (tidy, reasons, value), survival's --no-curve the "at" table.
 */
export function commandOutput(io: CliIO, o: OutputOptions, write: WriteOptions = {}, kind?: ResultKind): RunOutput {
  const format = o.format ?? (io.stdoutIsTTY && !o.out ? 'table' : 'csv');
  const long = kind && Object.hasOwn(OUTPUT_TABLE_NAMES, kind) ? OUTPUT_TABLE_NAMES[kind as keyof typeof OUTPUT_TABLE_NAMES][0] : 'tidy';
  const table = format === 'tidy-csv' ? long : (write.table ?? (write.curve === false ? 'at' : undefined));
  const out: RunOutput = { format: format === 'tidy-csv' ? 'csv' : format };
  if (table) out.table = table;
  if (o.out !== undefined) out.file = o.out;
  return out;
}

/**
 * runCommand: the one path of every analysis command: load (the planned columns) ->
 * compute -> write (export registry, atomically to --out or to stdout; Arrow and Parquet
 * with the spec, as-of and input hashes) -> summary on stderr -> timings. With
 * --print-spec, print the spec file of the command line instead: `kohort run` replays it
 * through the same steps, to the same bytes.
 */
export async function runCommand<K extends ResultKind, S extends { input: InputSpec }, P extends PlanLike>(
  io: CliIO,
  analysis: Analysis<S, P, ResultKinds[K], K>,
  spec: S,
  o: OutputOptions & EngineFlags,
  extras: RunExtras<ResultKinds[K]> = {},
): Promise<void> {
  const output = commandOutput(io, o, extras.write, analysis.kind);
  if (o.printSpec) {
    if (!isSpecKind(analysis.kind)) fail('noSpecKind', { kind: analysis.kind });
    io.stdout(`${JSON.stringify(specOfCommand(analysis.kind, spec as never, output), null, 2)}\n`);
    return;
  }
  const t0 = performance.now();
  checkOutputs(spec.input, [output]);
  const rejects = (spec as { rejects?: string }).rejects;
  if (rejects) assertNotInput(rejects, [spec.input.activity, spec.input.customers, output.file]);
  const hashes = inputHashes(spec.input, [output]);
  // --engine duckdb|postgres|clickhouse: the plan runs where the data lives, nothing is loaded here.
  const engine = sqlEngine(o);
  let result: ResultKinds[K];
  let t1: number;
  if (engine) {
    t1 = performance.now();
    result = await runOnEngine(analysis, spec, engine);
  } else {
    await checkFitsInMemory(spec.input);
    const { plan, tables } = await prepare(analysis, spec, { progress: !o.quiet });
    t1 = performance.now();
    result = await compute(analysis, plan, tables);
  }
  const t2 = performance.now();
  await writeOutputs(io, analysis.kind as never, result as never, spec, [output], hashes, extras.write);
  const t3 = performance.now();
  if (!o.quiet) io.stderr(`${[...summarize(analysis.kind, result), ...(extras.notes?.(result) ?? [])].join('\n')}\n`);
  if (o.timings) {
    const ms = (x: number): number => Math.round(x * 10) / 10;
    io.stderr(`timings ${JSON.stringify({ load: ms(t1 - t0), compute: ms(t2 - t1), export: ms(t3 - t2), total: ms(t3 - t0) })}\n`);
  }
}
