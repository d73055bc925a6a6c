import type { FieldName } from '../field-name.js';
import { columnsTail, counted, list, q, thousands, type FileColumns } from './message-format.js';

/** The catalogue's messages about a spec's fields and the CLI's arguments, outputs and spec files. */
export const usageMessages = {
  unknownOption: (p: { option: string; value: unknown; allowed: readonly string[] }, n: FieldName) =>
    `${n(p.option)} ${q(p.value)} is not one of ${list(p.allowed)}`,
  badNumber: (p: { option: string; value: unknown }, n: FieldName) =>
    `${n(p.option)} expects a whole number >= 0, got ${q(p.value)}`,
  badTimeZone: (p: { tz: string }) =>
    `unknown time zone ${q(p.tz)}; use an IANA name such as "UTC" or "Europe/Berlin"`,
  badAsOf: (p: { value: string }, n: FieldName) =>
    `${n('asOf')} ${q(p.value)} is not a date or date-time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)`,
  badWhere: (p: { value: string }, n: FieldName) =>
    `${n('where')} ${q(p.value)} is not "<column> <op> <value>" with op one of = != < <= > >= ^= !^=`,
  badWhereOp: (p: { value: string; op: string }, n: FieldName) =>
    `${n('where')} ${q(p.value)}: unknown operator ${q(p.op)}; use one of = != < <= > >= ^= !^= (<> and == are read as != and =)`,
  badGroupCondition: (p: { value: string }, n: FieldName) =>
    `${n('by')} ${q(p.value)} is neither a column nor a condition "<column> <op> <value>" with op one of = != < <= > >= ^= !^=`,
  filterNotNumber: (p: { value: string; kind: string; field?: string }, n: FieldName) =>
    `${n(p.field ?? 'where')} compares a ${p.kind} column with ${q(p.value)}, which is not a ${p.kind === 'number' ? 'number' : 'date kohort reads in a filter: write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ'}`,
  badAmount: (p: { value: string }, n: FieldName) =>
    `${n('columns.amount')} ${q(p.value)} must be a column name or a product of two columns such as "Quantity*UnitPrice"`,
  badDuration: (p: { option: string; value: string }, n: FieldName) =>
    `${n(p.option)} ${q(p.value)} is not a duration such as "90d", "12w" or "3m"`,
  badCohort: (p: { value: string }, n: FieldName) =>
    `${n('cohort')} ${q(p.value)}: at most one time granularity (day, week, month, quarter, year) may be given`,
  binaryToTerminal: (p: { format: string; file?: string }, n: FieldName) =>
    p.file === undefined
      ? `${n('format')} ${p.format} is binary: pass ${n('out')} <file> or pipe stdout`
      : `${n('format')} ${p.format} is binary and ${q(p.file)} is a terminal: pass ${n('out')} a file, or pipe it`,
  anchorNeedsActivity: (_p: Record<string, never>, n: FieldName) =>
    `${n('anchor')} first-activity needs an activity file`,
  noInput: (_p: Record<string, never>, n: FieldName) =>
    `no input: give an activity file, a customers file (${n('input.customers')}), or both`,
  modeNeedsAmount: (p: { mode: string }, n: FieldName) =>
    `${n('mode')} ${p.mode} needs an amount column: pass ${n('columns.amount')} <column> (or "A*B")`,
  rollingPartial: (_p: Record<string, never>, n: FieldName) =>
    `${n('partial')} shows cells before their period ended, which ${n('completeness')} rolling never has: drop one of them`,
  compareMode: (p: { mode: string }, n: FieldName) =>
    `${n('analysis.compare')} compares shares of customers: ${n('mode')} ${q(p.mode)} is not one of "classic", "unbounded", "survival" (use ${n('columns.amount')} for revenue per customer)`,
  unknownGroup: (p: { option: string; value: string; groups: readonly string[] }, n: FieldName) =>
    `${n(p.option)} ${q(p.value)} is not a group; the groups are ${list(p.groups)}`,
  tooFewGroups: (p: { groups: readonly string[] }, n: FieldName) =>
    `${n('analysis.compare')} needs at least two groups with customers, found ${p.groups.length ? list(p.groups) : 'none'}`,
  tooManyGroups: (p: { by: string; count: number; limit: number }, n: FieldName) =>
    `${n('by')} ${q(p.by)} has ${counted(p.count, 'distinct value')} to compare; ${n('analysis.compare')} takes at most ${thousands(p.limit)} groups: ` +
    `name the ones to compare with ${n('groups')} a,b,... or split in two with a condition such as ${n('by')} ${q(`${p.by} > x`)}`,
  tooManySurvivalGroups: (p: { by: readonly string[]; count: number; limit: number }, n: FieldName) =>
    `${n('by')} ${q(p.by.join(','))} makes ${counted(p.count, 'group')}; the test across them takes at most ${thousands(p.limit)}: ` +
    `group by a column with fewer values, or keep some with ${n('where')}`,
  compareNeedsBy: (p: { files?: readonly FileColumns[] }, n: FieldName) =>
    `${n('analysis.compare')} needs ${n('by')} <column or condition>: what splits the customers into groups${columnsTail(p.files)}`,
  modeNeedsActivity: (p: { mode: string }, n: FieldName) =>
    `${n('mode')} ${q(p.mode)} counts activity: pass an activity file (a customers table alone gives ${n('mode')} "survival", with its churn column)`,
  modeNeedsChurn: (p: { mode: string }, n: FieldName) =>
    `${n('mode')} ${p.mode} needs churn times: pass ${n('columns.churn')} <column> or ${n('inactiveAfter')} <duration>`,
  outFormatContradiction: (p: { out: string; ext: string; format: string }, n: FieldName) =>
    `${n('out')} ${q(p.out)} names a .${p.ext} file but ${n('format')} is ${q(p.format)}: drop ${n('format')} or change the extension`,
  outFormatOnly: (p: { out: string; ext: string; format: string }, n: FieldName) =>
    `${n('out')} ${q(p.out)} names a .${p.ext} file, but this command writes ${p.format} only: name the file .${p.format}`,
  outFormatUnavailable: (p: { out: string; family: string; available: readonly string[] }, n: FieldName) =>
    `${n('out')} ${q(p.out)}: ${p.family} output is not available yet; this command writes ${list(p.available)} (pass ${n('format')})`,
  outFormatUnknown: (p: { out: string; ext: string; available: readonly string[] }, n: FieldName) =>
    `${n('out')} ${q(p.out)}: cannot tell the output format from ".${p.ext}"; pass ${n('format')}, one of ${list(p.available)}`,
  specNotJson: (p: { reason: string }) => `not a JSON spec (${p.reason})`,
  specUnknownKey: (p: { path: string; key: string; hint?: string }) =>
    `${p.path}: unknown key ${q(p.key)}${p.hint ? `; did you mean ${q(p.hint)}?` : ''}`,
  specInvalid: (p: { path: string; problem: string }) => `${p.path}: ${p.problem}`,
  specTwoStdout: (_p: Record<string, never>) =>
    'more than one output has no "file": only one output may go to standard output ("file": "-" goes there too)',
  binaryOutputToTerminal: (p: { output: string; format: string; file?: string }) =>
    p.file === undefined
      ? `${p.output}: "format" ${p.format} is binary and standard output is a terminal: give the output a "file" or pipe stdout`
      : `${p.output}: "format" ${p.format} is binary and its "file" ${q(p.file)} is a terminal: give it a file that is not one`,
  // `out` and `rejectsFile`: a file given that is standard output by what it is, not by
  // its name (`> out.csv`, a link to /dev/stdout): the message says it is standard output.
  rejectsAndOutputToStdout: (p: { rejects: string; out?: string; rejectsFile?: boolean; analysis?: string }) => {
    const rejectsNamed = p.rejectsFile === true;
    if (p.analysis !== undefined) {
      return rejectsNamed
        ? `"rejects" of ${p.analysis} (${q(p.rejects)}) is standard output too, where an output goes: only one may; give the output a "file", or "rejects" another file`
        : `"rejects" of ${p.analysis} (${q(p.rejects)}) and an output both go to standard output: only one may; give the output a "file" or "rejects" a file`;
    }
    if (p.out !== undefined && rejectsNamed) return `--out ${q(p.out)} and --rejects ${q(p.rejects)} are both standard output: only one may; give one of them another file`;
    if (p.out !== undefined) return `--out ${q(p.out)} is standard output too, where --rejects - goes: only one may; give --rejects a file, or --out another file`;
    if (rejectsNamed) return `--rejects ${q(p.rejects)} is standard output too, where the result goes: only one may; give --out a file, or --rejects another file`;
    return `the rejects (${q(p.rejects)}) and the result both go to standard output: only one may; give --out or --rejects a file`;
  },
  twoRejectsToStdout: (p: { first: { rejects: string; analysis: string }; second: { rejects: string; analysis: string } }) =>
    `"rejects" of ${p.first.analysis} (${q(p.first.rejects)}) and of ${p.second.analysis} (${q(p.second.rejects)}) both go to standard output: only one may; give all but one of them a file`,
  duplicateOutput: (p: { file: string }) => `two outputs write ${q(p.file)}; give each its own file`,
  outputOverInput: (p: { file: string; input?: string }) =>
    `the output ${q(p.file)} is an input of the run${p.input && p.input !== p.file ? ` (${q(p.input)}, the same file)` : ''}: refusing to write over it; choose another file`,
  noSpecKind: (p: { kind: string }) => `--print-spec: ${p.kind} analyses cannot be written as a spec file yet`,
} as const;
