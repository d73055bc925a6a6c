import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { checkAnalysis, engineOptions, resolveAnalyses, runAnalyses, validateRunSpec, type ResolvedAnalysis } from '../../api/run-spec.js';
import type { SqlEngineOptions } from '../../api/engines.js';
import { addEngineOptions, engineSpecOfFlags, sqlEngine, type EngineFlags } from '../engine-options.js';
import { fail, KohortError, systemErrorReason } from '../../errors.js';
import { summarize } from '../../export/formats.js';
import type { CliIO } from '../io.js';
import { inSpecWords } from '../spec-wording.js';
import { hashSchedule } from '../hash-schedule.js';
import { checkOutputs, writeOutputs, type RunOutput } from '../write-outputs.js';

/** Standard input as text (`kohort matrix ... --print-spec | kohort run -`). */
async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Read and parse a spec file, naming the file in errors. */
async function readSpec(file: string, stdin: CliIO['stdin']): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await readStdin(stdin?.() ?? process.stdin) : await readFile(file, 'utf8');
  } catch (e) {
    return fail('unreadableFile', { reason: systemErrorReason(e) }, { file });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail('specNotJson', { reason: (e as Error).message }, { file });
  }
}

/**
 * For a relative input path that is not there: where it was looked for (the directory
 * kohort runs in, not the spec's folder), and whether the spec's folder has it.
 */
function relativePathHint(e: KohortError, specFile: string): string {
  if (e.code !== 'unreadableFile' || !e.file || path.isAbsolute(e.file) || specFile === '-' || existsSync(e.file)) return '';
  const specDir = path.dirname(path.resolve(specFile));
  const there = existsSync(path.resolve(specDir, e.file));
  return `; paths in a spec are relative to the directory kohort runs in (${process.cwd()})` +
    (there ? `, not to the spec's folder, which has it: run kohort from ${specDir}` : '');
}

/** `kohort run <spec.json>`: every analysis of a spec file, each to its outputs. */
export function specRunCommand(io: CliIO): Command {
  const cmd = new Command('run')
    .description('Run a spec file: inputs, column roles, one or more analyses, and their outputs (formats and files).')
    .argument('<spec>', 'spec file (JSON), or - for standard input; `kohort schema` prints its JSON Schema')
    .option('-q, --quiet', 'no load reports on stderr')
    .option('--check', 'check the spec and every column it names against the inputs\' headers, without computing or writing');
  return addEngineOptions(cmd)
    .addHelpText(
      'after',
      `
A spec names its inputs once and lists analyses (kind: matrix, survival, crr, compare, report, reasons,
value, feedback) with the same keys as the library's specs, each with its outputs:
{ "format": "parquet" | "arrow" | "arrow-stream" | "csv" | "json" | "table" | "html",
  "table": (docs/schema.md: tidy, wide, average, curve, at, summary, crr, compare, reasons, value,
  feedback), "file": "..." } (a report: { "format": "html", "title": "...", "file": "..." }).
Paths are relative to the directory kohort runs in. Unknown keys are errors.
Any command prints its own spec with --print-spec; running that spec gives the same bytes.
An "engine" section runs every analysis where the data lives (docs/engines.md), with the same results:
  "engine": { "name": "duckdb" }                                  (the input files, out of core)
  "engine": { "name": "postgres", "url": "postgres://analyst@db:5432/app",
              "table": "public.events", "customersTable": "public.customers" }   (no "input" needed)
Passwords stay out of spec files: PGPASSWORD, CLICKHOUSE_PASSWORD. --engine and its flags override the section.

A spec (examples/sample-retention.json):
  {
    "input": { "activity": "datasets/sample/activity.csv", "customers": "datasets/sample/customers.csv" },
    "analyses": [
      { "kind": "matrix", "cohort": ["month", "channel"],
        "outputs": [ { "format": "parquet", "table": "tidy", "file": "reports/retention.parquet" } ] },
      { "kind": "crr", "period": "quarter", "by": ["plan"],
        "outputs": [ { "format": "csv", "file": "reports/crr.csv" } ] }
    ]
  }

Examples:
  $ kohort run examples/sample-retention.json
  $ kohort run --check examples/sample-retention.json     validate only (for CI)
  $ kohort matrix events.csv --format parquet --out m.parquet --print-spec | kohort run -`,
    )
    .action(async (file: string, o: { quiet?: boolean; check?: boolean } & EngineFlags, cmd: Command) => {
      let analyses: ResolvedAnalysis[];
      let engine: SqlEngineOptions | undefined;
      // --engine on the command line wins over the spec's engine section: its flags checked as flags.
      const flags = cmd.getOptionValueSource('engine') === 'cli' ? sqlEngine(o) : undefined;
      if (flags && flags.engine !== 'duckdb' && (!flags.url || (!flags.table && !flags.customersTable))) fail('sqlEngineNeedsUrl', { engine: flags.engine });
      try {
        const run = await validateRunSpec(await readSpec(file, io.stdin));
        if (cmd.getOptionValueSource('engine') === 'cli') run.engine = engineSpecOfFlags(o);
        engine = engineOptions(run.engine);
        analyses = resolveAnalyses(run);
        checkOutputs(analyses.map((a) => ({ input: a.spec.input, outputs: a.outputs, rejects: (a.spec as { rejects?: string }).rejects })), { from: 'spec', stdoutIsTTY: io.stdoutIsTTY });
      } catch (e) {
        // Name the spec file in the errors of the spec itself.
        if (e instanceof KohortError && !e.message.startsWith(file)) e.message = `${file}: ${e.message}`;
        throw e;
      }
      const named = (e: unknown, i: number, a: ResolvedAnalysis): never => {
        // The spec file too: a CI job may run several.
        if (e instanceof KohortError) e.message = `${file}: analyses[${i}]${a.name ? ` (${a.name})` : ''}: ${inSpecWords(e.message)}${relativePathHint(e, file)}`;
        throw e;
      };
      if (o.check) {
        const unchecked: string[] = [];
        for (const [i, a] of analyses.entries()) {
          if (!(await checkAnalysis(a, engine).catch((e: unknown) => named(e, i, a)))) unchecked.push(`analyses[${i}]`);
        }
        const outputs = analyses.reduce((n, a) => n + a.outputs.length, 0);
        io.stderr(`${file}: ok, ${analyses.length} ${analyses.length === 1 ? 'analysis' : 'analyses'} and ${outputs} ${outputs === 1 ? 'output' : 'outputs'}${unchecked.length ? ` (columns of ${unchecked.join(', ')} are checked only when run: their inputs' names cannot be read without loading)` : ''}\n`);
        return;
      }
      // Every analysis is computed before any output is written: a run that fails
      // part-way leaves the previous outputs as they were. Analyses of the same files
      // share one load.
      // The inputs are hashed as `kohort <command>` hashes them (hash-schedule.ts): before
      // the load only when a core will be idle for it, else once loaded; once per input
      // files, for the outputs of every analysis of them; stopped when the run fails.
      const hashing = hashSchedule();
      const outputsOf = new Map<string, RunOutput[]>();
      const keyOf = (a: ResolvedAnalysis): string => JSON.stringify(a.spec.input);
      for (const a of analyses) outputsOf.set(keyOf(a), [...(outputsOf.get(keyOf(a)) ?? []), ...a.outputs]);
      const loaded = (a: ResolvedAnalysis): ReturnType<typeof hashing.loaded> => hashing.loaded(a.spec.input, outputsOf.get(keyOf(a))!);
      try {
        if (!engine) for (const a of analyses) hashing.beforeLoad(a.spec.input, outputsOf.get(keyOf(a))!);
        const onLoaded = (members: readonly number[]): void => members.forEach((i) => loaded(analyses[i]));
        const outcomes = await runAnalyses(analyses, { progress: !o.quiet, engine, onLoaded }, (e, i) => named(e, i, analyses[i]));
        for (const [i, a] of analyses.entries()) {
          const outcome = outcomes[i];
          await writeOutputs(io, outcome.kind, outcome.result as never, a.spec, a.outputs, loaded(a));
          if (!o.quiet) {
            const lines = summarize(outcome.kind, outcome.result as never).map(inSpecWords);
            if (outcome.kind === 'crr' && outcome.result.clipped) lines.push('note: "to" is past the last period that ended by as-of; later periods are left out');
            io.stderr(`${[`${a.name ?? a.kind}:`, ...lines.map((l) => `  ${l}`)].join('\n')}\n`);
          }
        }
      } catch (e) {
        hashing.abort();
        throw e;
      }
    });
}
