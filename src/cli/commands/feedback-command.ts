import { Command, Option } from 'commander';
import { feedbackAnalysis } from '../../api/feedback.js';
import type { FeedbackSpec } from '../../api/spec-fields.js';
import type { CliIO } from '../io.js';
import { addOutputOptions, collect, numberArg, type OutputOptions } from '../options.js';
import { runCommand } from '../run-command.js';
import { addEngineOptions, type EngineFlags } from '../engine-options.js';

interface FeedbackOptions extends OutputOptions, EngineFlags {
  id?: string;
  by?: string;
  nps?: string;
  csat?: string;
  ces?: string;
  csatScale?: string;
  cesScale?: string;
  confLevel?: number;
  where: string[];
  tz: string;
  inputFormat?: 'csv' | 'ndjson' | 'arrow' | 'parquet';
  delimiter?: string;
}

/** `kohort feedback <file>`: NPS, CSAT and CES by segment. */
export function feedbackCommand(io: CliIO): Command {
  const cmd = new Command('feedback')
    .description('Feedback scores by segment: NPS with its interval, CSAT (share satisfied and mean), CES.')
    .argument('[file]', 'a table of scores: a survey, or the customers table (with --engine postgres|clickhouse: --customers-table instead)')
    .option('--id <column>', 'customer id: one answer per customer (the first row of each id); else every row is an answer')
    .option('--by <columns>', 'comma list of segment columns; nps_class (with --nps) splits by promoter/passive/detractor')
    .option('--nps <column>', 'NPS column: likelihood to recommend, 0-10')
    .option('--csat <column>', 'CSAT column: satisfaction on --csat-scale')
    .option('--ces <column>', 'CES column: customer effort on --ces-scale')
    .option('--csat-scale <low-high>', 'CSAT scale; satisfied = its top two points', '1-5')
    .option('--ces-scale <low-high>', 'CES scale', '1-7')
    .option('--conf-level <level>', 'level of the NPS interval (default 0.95)', numberArg('--conf-level'))
    .option('--where <filter>', 'keep rows where "<column> <op> <value>"; op: = != < <= > >= ^= !^=; repeatable', collect, [])
    .option('--tz <zone>', 'IANA time zone for date filters', 'UTC')
    .addOption(new Option('--input-format <format>', 'force the input format').choices(['csv', 'ndjson', 'arrow', 'parquet']))
    .option('--delimiter <char>', 'CSV delimiter (sniffed when omitted)');
  return addEngineOptions(addOutputOptions(cmd, 'feedback'))
    .addHelpText(
      'after',
      `
NPS = % promoters (9-10) - % detractors (0-6) of the answers with an NPS, from -100 to 100,
with an adjusted-Wald interval (Rocks 2016: 3/4 added to promoters and to detractors, 3/2 to
passives, trinomial variance; clipped to -100..100). CSAT = % of scores in the top two points
of its scale (4-5 on 1-5) with the mean; CES = the mean score on its scale (1-7).
A score that is present but not a whole number on its scale is rejected: left out, counted
per segment (rejected) and reported on stderr with its rows, never clipped.
Columns (csv, tidy-csv, json rows, arrow): the --by columns, answers, nps, nps_lower,
nps_upper, nps_n, promoters, passives, detractors (counts), csat, csat_mean, csat_n, ces,
ces_n, rejected (only the scores asked for). json: {"by", "scales", "conf_level", "rows",
"overall", "report"}.

Examples:
  $ kohort feedback survey.csv --id id --by segment --nps nps --csat csat --ces ces
  $ kohort feedback survey.csv --by nps_class --nps nps --csat csat     CSAT of promoters vs detractors
  $ kohort feedback survey.csv --nps nps --ces ces --ces-scale 1-7 --format json     scores on stdout as JSON
  $ kohort feedback --engine postgres --url postgres://analyst@db/app --customers-table survey --id id --nps nps --by segment`,
    )
    .action(async (file: string | undefined, o: FeedbackOptions) => {
      const spec: FeedbackSpec = {
        input: { customers: file, format: o.inputFormat, delimiter: o.delimiter },
        columns: { id: o.id },
        by: o.by === undefined ? undefined : o.by.split(',').map((s) => s.trim()).filter((s) => s !== ''),
        nps: o.nps,
        csat: o.csat,
        ces: o.ces,
        csatScale: o.csatScale,
        cesScale: o.cesScale,
        confLevel: o.confLevel,
        where: o.where,
        tz: o.tz,
      };
      await runCommand(io, feedbackAnalysis, spec, o);
    });
}
