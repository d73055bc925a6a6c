import { compute, prepare, type Analysis, type PlanLike } from '../api/analysis.js';
import type { InputSpec } from '../api/spec-fields.js';
import { KohortError } from '../errors.js';
import { prepareInputs, restoreNames, statusLine } from '../api/prepare-inputs.js';
import { formatsFor, summarize, writeFormat, type ResultKind, type ResultKinds, type WriteOptions } from '../export/formats.js';
import { writeResult, type CliIO } from './io.js';
import type { OutputOptions } from './options.js';
import { outputFormat } from './output-format.js';

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
  const format = outputFormat(io, o, formatsFor(analysis.kind));
  // "-" and FIFOs are copied to files the loaders can read twice; odd headers are named.
  const inputs = await prepareInputs(spec.input, { stdin: io.stdin, warn: (w) => io.stderr(`kohort: warning: ${w}\n`) });
  let prepared: Awaited<ReturnType<typeof prepare<S, P, ResultKinds[K]>>>;
  try {
    prepared = await prepare(analysis, { ...spec, input: inputs.input }, { progress: !o.quiet });
  } catch (e) {
    throw renamed(e, inputs.displayNames);
  } finally {
    await inputs.cleanup();
  }
  const { plan, tables } = prepared;
  const t1 = performance.now();
  // A load over a second means a compute that may take one too: say what is going on.
  const busy = !o.quiet && t1 - t0 > 1000 ? statusLine(`Computing the ${analysis.kind}`) : undefined;
  let result: ResultKinds[K];
  try {
    result = await compute(analysis, plan, tables);
  } catch (e) {
    throw renamed(e, inputs.displayNames);
  } finally {
    busy?.done();
  }
  const report = (result as { report?: { files?: { file: string }[]; warnings?: string[] } }).report;
  if (report?.files) restoreNames(report.files, spec.input, inputs.input);
  const t2 = performance.now();
  await writeResult(io, { format, out: o.out }, () => writeFormat(format, analysis.kind, result, extras.write));
  const t3 = performance.now();
  if (!o.quiet) io.stderr(`${[...summarize(analysis.kind, result), ...(extras.notes?.(result) ?? [])].join('\n')}\n`);
  // Warnings show even with --quiet: they say the numbers may not mean what they seem.
  for (const w of report?.warnings ?? []) io.stderr(`kohort: warning: ${w}\n`);
  if (o.timings) {
    const ms = (x: number): number => Math.round(x * 10) / 10;
    io.stderr(`timings ${JSON.stringify({ load: ms(t1 - t0), compute: ms(t2 - t1), export: ms(t3 - t2), total: ms(t3 - t0) })}\n`);
  }
}

/** An error whose message names the copy of standard input (or a FIFO) names the input as given. */
function renamed(e: unknown, displayNames: (text: string) => string): unknown {
  if (e instanceof KohortError) e.message = displayNames(e.message);
  return e;
}
