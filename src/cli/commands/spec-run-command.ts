import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { resolveAnalyses, runAnalysis, validateRunSpec } from '../../api/run-spec.js';
import { fail, KohortError } from '../../errors.js';
import { summarize } from '../../export/formats.js';
import type { CliIO } from '../io.js';
import { checkDistinctOutputs, checkOutputs, inputHashes, writeOutputs } from '../write-outputs.js';

/** Read and parse a spec file, naming the file in errors. */
async function readSpec(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return fail('unreadableFile', { reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message }, { file });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail('specNotJson', { reason: (e as Error).message }, { file });
  }
}

/** `kohort run <spec.json>`: every analysis of a spec file, each to its outputs. */
export function specRunCommand(io: CliIO): Command {
  return new Command('run')
    .description('Run a spec file: inputs, column roles, one or more analyses, and their outputs (formats and files).')
    .argument('<spec>', 'spec file (JSON); `kohort schema` prints its JSON Schema')
    .option('-q, --quiet', 'no load reports on stderr')
    .addHelpText(
      'after',
      `
A spec names its inputs once and lists analyses (kind: matrix, survival or crr) with the
same keys as the library's MatrixSpec, SurvivalSpec and CrrSpec, each with its outputs:
{ "format": "parquet" | "arrow" | "arrow-stream" | "csv" | "json" | "table",
  "table": "tidy" | "wide" | "average" | "curve" | "at" | "summary" | "crr", "file": "..." }.
Paths are relative to the directory kohort runs in. Unknown keys are errors.
Any command prints its own spec with --print-spec; running that spec gives the same bytes.

Example (examples/sample-retention.json):
  {
    "input": { "activity": "datasets/sample/activity.csv", "customers": "datasets/sample/customers.csv" },
    "analyses": [
      { "kind": "matrix", "cohort": ["month", "channel"],
        "outputs": [ { "format": "parquet", "table": "tidy", "file": "reports/retention.parquet" } ] },
      { "kind": "crr", "period": "quarter", "by": ["plan"],
        "outputs": [ { "format": "csv", "file": "reports/crr.csv" } ] }
    ]
  }
  $ kohort run examples/sample-retention.json`,
    )
    .action(async (file: string, o: { quiet?: boolean }) => {
      const spec = await validateRunSpec(await readSpec(file)).catch((e: unknown) => {
        // Name the spec file in validation errors.
        if (e instanceof KohortError && e.code.startsWith('spec')) e.message = `${file}: ${e.message}`;
        throw e;
      });
      const analyses = resolveAnalyses(spec);
      for (const a of analyses) checkOutputs(a.spec.input, a.outputs);
      checkDistinctOutputs(analyses.flatMap((a) => a.outputs));
      // Every analysis is computed before any output is written: a run that fails
      // part-way leaves the previous outputs as they were.
      const done = [];
      for (const [i, a] of analyses.entries()) {
        const hashes = inputHashes(a.spec.input, a.outputs);
        try {
          done.push({ a, hashes, outcome: await runAnalysis(a, { progress: !o.quiet }) });
        } catch (e) {
          if (e instanceof KohortError) e.message = `analyses[${i}]${a.name ? ` (${a.name})` : ''}: ${e.message}`;
          throw e;
        }
      }
      for (const { a, hashes, outcome } of done) {
        await writeOutputs(io, outcome.kind, outcome.result as never, a.spec, a.outputs, hashes);
        if (!o.quiet) {
          const lines = summarize(outcome.kind, outcome.result as never);
          if (outcome.kind === 'crr' && outcome.result.clipped) lines.push('note: "to" is past the last period that ended by as-of; later periods are left out');
          io.stderr(`${[`${a.name ?? a.kind}:`, ...lines.map((l) => `  ${l}`)].join('\n')}\n`);
        }
      }
    });
}
