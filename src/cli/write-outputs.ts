import path from 'node:path';
import { fail } from '../errors.js';
import type { InputHash } from '../report/input-hash.js';
import { BINARY_FORMATS, renderOutput, type AnalysisResult } from '../export/render-output.js';
import { hashInputs } from '../load/hash-inputs.js';
import { analysisMetadataSpec } from '../spec/resolve-run-spec.js';
import type { OutputSpecBase } from '../spec/run-spec.js';
import type { InputSpec } from '../spec/types.js';
import type { CliIO } from './io.js';
import { writeResult } from './write-result.js';

/** An output of a run: a format, a table, a file (none = stdout). */
export type RunOutput = OutputSpecBase & { table?: string };

/** Fail when an output would overwrite an input file. */
export function checkOutputs(input: InputSpec, outputs: readonly RunOutput[]): void {
  const inputs = [input.activity, input.customers].filter((f): f is string => f !== undefined).map((f) => path.resolve(f));
  for (const o of outputs) if (o.file && inputs.includes(path.resolve(o.file))) fail('outputOverInput', { file: o.file });
}

/**
 * inputHashes: start hashing the inputs when an output carries metadata (Arrow, Parquet);
 * it runs beside the load and compute.
 */
export function inputHashes(input: InputSpec, outputs: readonly RunOutput[]): Promise<InputHash[]> | undefined {
  if (!outputs.some((o) => BINARY_FORMATS.includes(o.format))) return undefined;
  const p = hashInputs(input);
  p.catch(() => undefined); // an unreadable input fails the load first, with its own message
  return p;
}

/** writeOutputs: render and write each output of a computed analysis (atomically to files). */
export async function writeOutputs(
  io: CliIO,
  a: AnalysisResult,
  spec: { input: InputSpec },
  outputs: readonly RunOutput[],
  hashes: Promise<InputHash[]> | undefined,
): Promise<void> {
  const meta = {
    spec: analysisMetadataSpec(a.kind, spec as never),
    asOf: a.result.asOf,
    inputs: hashes ? await hashes : undefined,
  };
  for (const o of outputs) {
    await writeResult(io, { format: o.format, out: o.file }, () => renderOutput(a, o, meta));
  }
}
