import { compute, prepare, type Analysis, type PlanLike } from '../api/analysis.js';
import type { InputSpec } from '../api/spec-fields.js';
import { summarize, writeFormat, type ResultKind, type ResultKinds, type WriteOptions } from '../export/formats.js';
import { assertNotInput } from '../export/output-guard.js';
import { writeResult, type CliIO } from './io.js';
import type { OutputOptions } from './options.js';

/** What a command adds to the common run: writer options and notes after the summary. */
export interface RunExtras<R> {
  write?: WriteOptions;
  /** Lines after the summary on stderr (they may name the command's flags). */
  notes?: (result: R) => string[];
}

/**
 * runCommand: the one path of every analysis command: load (the planned columns) ->
 * compute -> write (export registry, atomically to --out or to stdout) -> summary on
 * stderr -> timings.
 */
export async function runCommand<K extends ResultKind, S extends { input: InputSpec }, P extends PlanLike>(
  io: CliIO,
  analysis: Analysis<S, P, ResultKinds[K], K>,
  spec: S,
  o: OutputOptions,
  extras: RunExtras<ResultKinds[K]> = {},
): Promise<void> {
  const t0 = performance.now();
  const format = o.format ?? (io.stdoutIsTTY && !o.out ? 'table' : 'csv');
  // Outputs never go over an input: checked before anything is read.
  const inputs = [spec.input.activity, spec.input.customers];
  if (o.out) assertNotInput(o.out, inputs);
  const rejects = (spec as { rejects?: string }).rejects;
  if (rejects) assertNotInput(rejects, [...inputs, o.out]);
  const { plan, tables } = await prepare(analysis, spec, { progress: !o.quiet });
  const t1 = performance.now();
  const result = await compute(analysis, plan, tables);
  const t2 = performance.now();
  await writeResult(io, { format, out: o.out, inputs }, () => writeFormat(format, analysis.kind, result, extras.write));
  const t3 = performance.now();
  if (!o.quiet) io.stderr(`${[...summarize(analysis.kind, result), ...(extras.notes?.(result) ?? [])].join('\n')}\n`);
  if (o.timings) {
    const ms = (x: number): number => Math.round(x * 10) / 10;
    io.stderr(`timings ${JSON.stringify({ load: ms(t1 - t0), compute: ms(t2 - t1), export: ms(t3 - t2), total: ms(t3 - t0) })}\n`);
  }
}
