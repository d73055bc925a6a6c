import { compute, prepare, type Analysis, type PlanLike } from '../api/analysis.js';
import { checkFitsInMemory, runOnEngine } from '../api/engines.js';
import { engineSection } from '../api/engine-section.js';
import { isSpecKind, OUTPUT_TABLE_NAMES, outputFile, specOfCommand } from '../api/run-spec.js';
import { sqlEngine, type EngineFlags } from './engine-options.js';
import { hashSchedule } from './hash-schedule.js';
import { flagOf } from './flags.js';
import type { InputSpec } from '../api/spec-fields.js';
import { fail, KohortError, messageText } from '../errors.js';
import { prepareInputs, restoreNames, statusLine } from '../api/prepare-inputs.js';
import { formatsFor, resultWarnings, summarize, type ResultKind, type ResultKinds, type WriteOptions } from '../export/formats.js';
import type { CliIO } from './io.js';
import type { OutputOptions } from './options.js';
import { outputFormat } from './output-format.js';
import { checkOutputs, writeOutputs, type RunOutput } from './write-outputs.js';

/** What a command adds to the common run: writer options and notes after the summary. */
export interface RunExtras<R> {
  write?: WriteOptions;
  /** Lines after the summary on stderr (they may name the command's flags). */
  notes?: (result: R) => string[];
  /** Word the result's texts for the command line (before it is written): flags, not spec fields. */
  reword?: (result: R) => void;
}

/**
 * The spec output of a command's --format/--out/--no-curve: "tidy-csv" is csv of the long
 * table (tidy, reasons, value), survival's --no-curve the "at" table.
 */
export function commandOutput(io: CliIO, o: OutputOptions, write: WriteOptions = {}, kind?: ResultKind): RunOutput {
  // --format, else the --out extension (r.arrow, r.json), else table on a terminal and csv.
  const format = kind === undefined ? (o.format ?? (io.stdoutIsTTY && !o.out ? 'table' : 'csv')) : outputFormat(io, o, formatsFor(kind));
  const long = kind && Object.hasOwn(OUTPUT_TABLE_NAMES, kind) ? OUTPUT_TABLE_NAMES[kind as keyof typeof OUTPUT_TABLE_NAMES][0] : 'tidy';
  // --at asks the tables (csv, tsv, arrow, parquet) for S at those times; JSON keeps its curve.
  const at = write.curve === false || (write.atTable === true && format !== 'json' && format !== 'table' && format !== 'html');
  const table = format === 'tidy-csv' ? long : (write.table ?? (at ? 'at' : undefined));
  const out: RunOutput = { format: format === 'tidy-csv' ? 'csv' : format };
  if (table) out.table = table;
  const file = outputFile(o.out);
  if (file !== undefined) out.file = file;
  if (o.formulaGuard === false) out.formulaGuard = false;
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
    // An HTML title (kohort report --title) is a key of the output.
    const printed = extras.write?.title !== undefined ? { ...output, title: extras.write.title } : output;
    const engine = sqlEngine(o);
    if (engine?.url !== undefined && engineSection(engine).url !== engine.url) {
      io.stderr(`kohort: note: the password of ${flagOf('url')} is left out of the printed spec; kohort run reads it from ${engine.engine === 'postgres' ? 'PGPASSWORD' : 'CLICKHOUSE_PASSWORD'}\n`);
    }
    io.stdout(`${JSON.stringify(specOfCommand(analysis.kind, spec as never, printed, engine && engineSection(engine)), null, 2)}\n`);
    return;
  }
  const t0 = performance.now();
  checkOutputs([{ input: spec.input, outputs: [output], rejects: (spec as { rejects?: string }).rejects }], { from: 'flags', stdoutIsTTY: io.stdoutIsTTY });
  // "-" and FIFOs are copied to files the loaders can read twice; odd headers are named.
  const inputs = await prepareInputs(spec.input, { stdin: io.stdin, warn: (w) => io.stderr(`kohort: warning: ${w}\n`) });
  const local = { ...spec, input: inputs.input };
  let result: ResultKinds[K];
  let t1: number;
  let t2: number;
  // The inputs are hashed in the time a core is idle (hash-schedule.ts); a run that fails stops it.
  const hashing = hashSchedule();
  try {
    let hashes: ReturnType<typeof hashing.loaded>;
    // --engine duckdb|postgres|clickhouse: the plan runs where the data lives, nothing is loaded here.
    const engine = sqlEngine(o);
    if (engine) {
      hashes = hashing.loaded(local.input, [output]);
      t1 = performance.now();
      result = await runOnEngine(analysis, local, engine);
    } else {
      await checkFitsInMemory(local.input);
      hashing.beforeLoad(local.input, [output]);
      const { plan, tables } = await prepare(analysis, local, { progress: !o.quiet, names: inputs.names });
      t1 = performance.now();
      hashes = hashing.loaded(local.input, [output]);
      // A load over a second means a compute that may take one too: say what is going on.
      const busy = !o.quiet && t1 - t0 > 1000 ? statusLine(`Computing the ${analysis.kind}`) : undefined;
      try {
        result = await compute(analysis, plan, tables);
      } finally {
        busy?.done();
      }
    }
    extras.reword?.(result);
    const report = (result as { report?: { files?: { file: string }[] } }).report;
    if (report?.files) restoreNames(report.files, spec.input, inputs.input);
    t2 = performance.now();
    await writeOutputs(io, analysis.kind as never, result as never, spec, [output], hashes, extras.write);
  } catch (e) {
    hashing.abort();
    throw renamed(e, inputs.displayNames);
  } finally {
    await inputs.cleanup();
  }
  const t3 = performance.now();
  if (!o.quiet) io.stderr(`${[...summarize(analysis.kind, result), ...(extras.notes?.(result) ?? [])].join('\n')}\n`);
  // Warnings show even with --quiet: they say the numbers may not mean what they seem.
  for (const w of resultWarnings(result)) io.stderr(`kohort: warning: ${w}\n`);
  if (o.timings) {
    const ms = (x: number): number => Math.round(x * 10) / 10;
    io.stderr(`timings ${JSON.stringify({ load: ms(t1 - t0), compute: ms(t2 - t1), export: ms(t3 - t2), total: ms(t3 - t0) })}\n`);
  }
}

/**
 * An error about the copy of standard input (or a FIFO) names the input as given, in its
 * location and in its parameters (the columns "of standard input"). A message in the
 * catalogue's wording is rebuilt from them, so the CLI still words it with flags; one a
 * caller reworded has its text renamed.
 */
function renamed(e: unknown, displayNames: (text: string) => string): unknown {
  if (!(e instanceof KohortError)) return e;
  const where = { file: e.file === undefined ? undefined : displayNames(e.file), row: e.row, column: e.column };
  const params = renamedTexts(e.params, displayNames);
  const catalogued = e.message === messageText(e.code, e.params as never, e);
  const message = catalogued ? messageText(e.code, params as never, where) : displayNames(e.message);
  if (message === e.message && where.file === e.file) return e;
  return new KohortError(e.code, message, where, e.exitCode, params);
}

/** Every text in a message's parameters (lists and plain objects included) through `rename`. */
function renamedTexts(value: unknown, rename: (text: string) => string): unknown {
  if (typeof value === 'string') return rename(value);
  if (Array.isArray(value)) return value.map((v) => renamedTexts(v, rename));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renamedTexts(v, rename)]));
  }
  return value;
}
