import { analysisMetadataSpec, hashInputs, outputFile, type AnalysisKind, type InputHash, type OutputSpecBase } from '../api/run-spec.js';
import type { InputSpec } from '../api/spec-fields.js';
import { fail } from '../errors.js';
import { assertNotInput, outputKey, stdoutByIdentity, writesToStdout, writesToTerminal } from '../export/output-guard.js';
import { isBinary, writeFormat, type OutputFormat, type ResultKinds, type WriteOptions } from '../export/formats.js';
import { terminalOptions, writeResult, type CliIO } from './io.js';

/** An output of a run: a format, a table, a file (none = stdout). */
/** An output to write: a file format, a table, and (html) a page title. */
export type RunOutput = OutputSpecBase & { table?: string; title?: string };

/** What a run reads and writes: its analyses' inputs, outputs and --rejects files. */
export interface RunFiles {
  input: InputSpec;
  outputs: readonly RunOutput[];
  rejects?: string;
}

/** Where a run's outputs were given: a command's flags, or a spec file's analyses (messages name its fields). */
export interface OutputsFrom {
  from: 'flags' | 'spec';
  /** Standard output is a terminal: a binary output there is refused. */
  stdoutIsTTY: boolean;
}

/**
 * Fail, before anything is written, when an output or a --rejects file would overwrite
 * an input file of any analysis of the run (the same file by its real path or by device
 * and inode, symbolic and hard links included), when two of them name the same file, or
 * when a binary output goes to a terminal (standard output, /dev/stderr, /dev/tty).
 */
export function checkOutputs(runs: readonly RunFiles[], where: OutputsFrom): void {
  checkBinaryToTerminal(runs, where);
  const inputs = runs.flatMap((r) => [r.input.activity, r.input.customers]);
  const results = runs.flatMap((r) => r.outputs);
  const rejects = runs.flatMap((r) => (r.rejects !== undefined ? [r.rejects] : []));
  checkRejectsToStdout(runs, results, where);
  const written = [...results, ...rejects.map((file): RunOutput => ({ format: 'csv', file }))];
  for (const o of written) {
    const file = outputFile(o.file);
    if (file) assertNotInput(file, inputs);
  }
  checkDistinctOutputs(written);
}

/** Standard output ("-", no file, /dev/stdout) takes one thing only: a rejects output there takes it whole. */
function checkRejectsToStdout(runs: readonly RunFiles[], results: readonly RunOutput[], where: OutputsFrom): void {
  const toStdout = runs.flatMap((r, i) => (r.rejects !== undefined && writesToStdout(r.rejects) ? [{ rejects: r.rejects, analysis: `analyses[${i}]` }] : []));
  if (toStdout.length === 0) return;
  if (toStdout.length > 1) fail('twoRejectsToStdout', { first: toStdout[0], second: toStdout[1] });
  const result = results.find((o) => writesToStdout(o.file));
  if (result) {
    const out = outputFile(result.file);
    const { rejects, analysis } = toStdout[0];
    fail('rejectsAndOutputToStdout', {
      rejects,
      ...(out !== undefined && stdoutByIdentity(out) ? { out } : {}),
      ...(stdoutByIdentity(rejects) ? { rejectsFile: true } : {}),
      ...(where.from === 'spec' ? { analysis } : {}),
    });
  }
}

/** Every binary output to a terminal, refused up front: a spec run would otherwise fail after writing the outputs before it. */
function checkBinaryToTerminal(runs: readonly RunFiles[], where: OutputsFrom): void {
  for (const [i, run] of runs.entries()) {
    for (const [j, o] of run.outputs.entries()) {
      if (!isBinary(o.format as OutputFormat) || !writesToTerminal(o.file, where.stdoutIsTTY)) continue;
      // A path to the terminal (/dev/tty, /dev/stderr, $(tty)) is named; standard output by its names is not ("-", /dev/stdout).
      const file = o.file === undefined || (writesToStdout(o.file) && !stdoutByIdentity(o.file)) ? {} : { file: o.file };
      if (where.from === 'flags') fail('binaryToTerminal', { format: o.format, ...file });
      fail('binaryOutputToTerminal', { output: `analyses[${i}].outputs[${j}]`, format: o.format, ...file });
    }
  }
}

/** Fail when two outputs of a run name the same file, standard output included (the second would silently replace the first, or interleave with it). */
export function checkDistinctOutputs(outputs: readonly RunOutput[]): void {
  // outputKey gives absolute paths: "-" keys standard output alone.
  const seen = new Map<string, string | undefined>();
  for (const o of outputs) {
    const file = outputFile(o.file);
    const key = writesToStdout(file) ? '-' : outputKey(file!);
    if (seen.has(key)) fail('duplicateOutput', { file: file ?? seen.get(key) ?? '-' });
    seen.set(key, file);
  }
}

/**
 * inputHashes: start hashing the inputs when an output carries metadata (Arrow, Parquet);
 * the in-memory path starts it once the inputs are loaded, beside the compute.
 */
export function inputHashes(input: InputSpec, outputs: readonly RunOutput[], signal?: AbortSignal): Promise<InputHash[]> | undefined {
  if (!outputs.some((o) => isBinary(o.format as OutputFormat))) return undefined;
  const p = hashInputs(input, signal);
  p.catch(() => undefined); // an unreadable input fails the load first, with its own message
  return p;
}

/**
 * writeOutputs: write each output of a computed analysis through the export registry
 * (atomically to files), Arrow and Parquet with the run's metadata: the analysis spec,
 * the as-of and the input hashes. `write` adds writer options (an HTML title); tables on
 * standard output get the terminal's colour and width.
 */
export async function writeOutputs<K extends AnalysisKind>(
  io: CliIO,
  kind: K,
  result: ResultKinds[K],
  spec: { input: InputSpec },
  outputs: readonly RunOutput[],
  hashes: Promise<InputHash[]> | undefined,
  write: WriteOptions = {},
): Promise<void> {
  const meta = {
    spec: analysisMetadataSpec(kind, spec as never),
    asOf: (result as { asOf?: number }).asOf,
    inputs: hashes ? await hashes : undefined,
    resolved: (result as { spec?: unknown }).spec,
  };
  for (const o of outputs) {
    const format = o.format as OutputFormat;
    const opts = { ...terminalOptions(io, o.file), ...write, ...(o.title !== undefined ? { title: o.title } : {}), table: o.table, meta, ...(o.formulaGuard === false ? { formulaGuard: false } : {}) };
    await writeResult(io, { format, out: o.file }, () => writeFormat(format, kind, result, opts));
  }
}
