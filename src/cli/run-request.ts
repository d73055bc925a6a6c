import { formatLifetimeReport } from '../export/terminal/format-survival.js';
import type { AnalysisResult } from '../export/render-output.js';
import { formatReport } from '../report/load-report.js';
import { runAnalysis } from '../run-analysis.js';
import { specOfCommand, type AnalysisRequest } from '../spec/resolve-run-spec.js';
import type { CliIO } from './io.js';
import { checkOutputs, inputHashes, writeOutputs, type RunOutput } from './write-outputs.js';
import type { OutputFormat } from './write-result.js';

/** The output flags every analysis command has. */
export interface OutputOptions {
  format?: OutputFormat;
  out?: string;
  quiet?: boolean;
  timings?: boolean;
  printSpec?: boolean;
}

/** The lines printed on stderr after an analysis: its load report and notes. */
export function reportLines(a: AnalysisResult): string[] {
  if (a.kind === 'matrix') return formatReport(a.result.report);
  const lines = formatLifetimeReport(a.result.report);
  if (a.kind === 'crr' && a.result.clipped) {
    lines.push('note: --to is past the last period that ended by --as-of; later periods are left out');
  }
  return lines;
}

/** The spec output of a command's --format/--out ("tidy-csv" is csv of the tidy table). */
export function commandOutput(io: CliIO, o: OutputOptions, table?: string): RunOutput {
  const format = o.format ?? (io.stdoutIsTTY && !o.out ? 'table' : 'csv');
  const out: RunOutput = format === 'tidy-csv' ? { format: 'csv', table: 'tidy' } : { format, ...(table ? { table } : {}) };
  if (o.out !== undefined) out.file = o.out;
  return out;
}

/**
 * runRequest: the run of an analysis command: print its spec (--print-spec), or load,
 * compute, write the output, and report on stderr. The same steps as one analysis of
 * `kohort run`, so a printed spec replays to the same bytes.
 */
export async function runRequest(io: CliIO, req: AnalysisRequest, o: OutputOptions, output: RunOutput): Promise<void> {
  if (o.printSpec) {
    io.stdout(`${JSON.stringify(specOfCommand(req.kind, req.spec, output), null, 2)}\n`);
    return;
  }
  const t0 = performance.now();
  checkOutputs(req.spec.input, [output]);
  const hashes = inputHashes(req.spec.input, [output]);
  const { analysis, timings } = await runAnalysis(req, { progress: !o.quiet });
  const t2 = performance.now();
  await writeOutputs(io, analysis, req.spec, [output], hashes);
  const t3 = performance.now();
  if (!o.quiet) io.stderr(`${reportLines(analysis).join('\n')}\n`);
  if (o.timings) {
    const ms = (x: number): number => Math.round(x * 10) / 10;
    io.stderr(`timings ${JSON.stringify({ load: ms(timings.load), compute: ms(timings.compute), export: ms(t3 - t2), total: ms(t3 - t0) })}\n`);
  }
}
