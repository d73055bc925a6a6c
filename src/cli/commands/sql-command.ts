import { Command, Option } from 'commander';
import { churnSqlText, compareSqlText, DIALECT_NAMES, matrixSqlText, type DialectName, type TimeType } from '../../api/engines.js';
import { fail } from '../../errors.js';
import { MODES, type MatrixSpec } from '../../api/spec-fields.js';
import { addOffsetOptions, matrixShapeFields, type MatrixShapeOptions } from '../matrix-options.js';
import { writeResult, type CliIO } from '../io.js';
import { collect, wholeNumber } from '../options.js';
import { addOutcomeSqlOptions, outcomeSql, OUTCOME_SQL_ANALYSES, type OutcomeSqlAnalysis, type OutcomeSqlFlags } from '../sql-outcome-options.js';

interface SqlOptions extends MatrixShapeOptions {
  analysis: 'matrix' | 'survival' | 'crr' | 'compare' | OutcomeSqlAnalysis;
  groups?: string;
  dialect: DialectName;
  table?: string;
  by?: string;
  inactiveAfter?: string;
  duration?: string;
  event?: string;
  customersTable?: string;
  timeType: TimeType;
  cohort: string;
  mode: MatrixSpec['mode'];
  tz: string;
  asOf?: string;
  where: string[];
  number: string[];
  out?: string;
}

/** The matrix spec fields of the flags (the matrix, and compare's curves). */
function matrixFields(o: SqlOptions): MatrixSpec {
  return {
    input: {},
    ...matrixShapeFields(o),
    mode: o.mode,
    tz: o.tz,
    asOf: o.asOf,
    where: o.where,
  };
}

/** `kohort sql`: print the SQL of a matrix spec for a warehouse. */
export function sqlCommand(io: CliIO): Command {
  const cmd = addOutcomeSqlOptions(new Command('sql')
    .description('Print the SQL of a retention matrix for your warehouse (it returns cohort sizes and cell counts).')
    .addOption(new Option('--dialect <dialect>', 'SQL dialect').choices(DIALECT_NAMES).makeOptionMandatory())
    .addOption(new Option('--analysis <kind>', 'what the SQL computes: the matrix, the lifetimes behind survival curves or CRR, the statements of kohort compare, or the per-group counts of kohort reasons, value (with exact medians) and feedback').choices(['matrix', 'survival', 'crr', 'compare', ...OUTCOME_SQL_ANALYSES]).default('matrix')))
    .option('--table <name>', 'activity table (schema.table allowed; needed for the matrix)')
    .option('--customers-table <name>', 'customers table (attributes, signup, churn)')
    .addOption(new Option('--time-type <type>', 'how time columns hold time: instant (TIMESTAMPTZ, BigQuery TIMESTAMP, DateTime), utc (naive, UTC) or local (naive, in --tz)').choices(['instant', 'utc', 'local']).default('instant'))
    .option('--id <column>', 'customer id column', 'customer_id')
    .option('--time <column>', 'activity time column', 'event_time')
    .option('--signup <column>', 'signup time on the customers table (the anchor)')
    .option('--amount <column>', 'amount column, or "A*B" (revenue modes)')
    .option('--churn <column>', 'churn time on the customers table (survival mode)')
    .addOption(new Option('--anchor <anchor>', 'what offsets count from (default: signup when the customers table has a signup column, else first activity)').choices(['signup', 'first-activity']))
    .option('--cohort <list>', 'granularity and/or attribute columns (of the customers table when given, else of the activity table)', 'month');
  return addOffsetOptions(cmd, { help: 'offset granularity', default: 'month' })
    .addOption(new Option('--mode <mode>', 'what each cell counts').choices(MODES).default('classic'))
    .option('--tz <zone>', 'IANA time zone for calendar bucketing', 'UTC')
    .option('--as-of <date>', 'observation end (default: the start of today)')
    .option('--max-offset <k>', 'largest offset (default: every offset)', wholeNumber('--max-offset'))
    .option('--where <filter>', 'keep rows where "<column> <op> <value>"; repeatable', collect, [])
    .option('--by <columns>', 'survival/crr: comma list of group columns on the customers table; compare: the group column or a condition ("Referrals > 0")')
    .option('--groups <list>', 'compare: comma list of the groups compared (default: every value)')
    .option('--inactive-after <duration>', 'survival/crr: churn inferred after this long without activity, e.g. 90d')
    .option('--duration <column>', 'survival: durations given directly (with --event)')
    .option('--event <column>', 'survival: with --duration, a 0/1 or yes/no column, or "<column>=<value>"')
    .option('--number <column>', 'a column that holds numbers (for --where comparisons); repeatable', collect, [])
    .option('--out <file>', 'write here (atomically) instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ kohort sql --dialect bigquery --table analytics.events --id user_id --time event_ts
  $ kohort sql --dialect snowflake --table EVENTS --customers-table CUSTOMERS --cohort month,CHANNEL --tz Europe/Berlin
  $ kohort sql --dialect clickhouse --table events --mode revenue --amount price --as-of 2024-07-01
  $ kohort sql --dialect trino --analysis survival --customers-table customers --signup signup_at --churn churned_at --by plan
  $ kohort sql --dialect snowflake --analysis reasons --customers-table CRM.TELECOM --id "Customer ID" --event "Customer Status=Churned" --reason "Churn Category" --by Contract
  $ kohort sql --dialect bigquery --analysis feedback --customers-table survey.answers --id id --by segment --nps nps --csat csat
  $ kohort sql --dialect postgres --analysis compare --table events --customers-table customers --signup signup_at --by "referrals > 0" --inactive-after 45d
Run it on your warehouse; retention of a cell is n of its "c" row over n of its cohort's "s" row.
Or let kohort run it and finish the numbers: kohort matrix --engine postgres|clickhouse --url ... --table ...`,
    )
    .action(async (o: SqlOptions & OutcomeSqlFlags, cmd: Command) => {
      if ((OUTCOME_SQL_ANALYSES as readonly string[]).includes(o.analysis)) {
        const t = { dialect: o.dialect, table: o.table, customersTable: o.customersTable, timeType: o.timeType };
        const text = outcomeSql(o.analysis as OutcomeSqlAnalysis, o, t, cmd.getOptionValueSource('cohort') !== 'default');
        await writeResult(io, { format: 'csv', out: o.out }, () => text);
        return;
      }
      if (o.analysis === 'compare') {
        if (!o.customersTable && !o.table) fail('noInput', {});
        if (o.by === undefined) fail('compareNeedsBy', {});
        const spec = {
          ...matrixFields(o),
          by: o.by,
          groups: o.groups?.split(',').map((g) => g.trim()).filter((g) => g !== ''),
          inactiveAfter: o.inactiveAfter,
          duration: o.duration,
          event: o.event,
        };
        const text = compareSqlText(spec, { dialect: o.dialect, table: o.table, customersTable: o.customersTable, timeType: o.timeType, numbers: o.number });
        await writeResult(io, { format: 'csv', out: o.out }, () => text);
        return;
      }
      if (o.analysis !== 'matrix') {
        if (!o.customersTable && !o.table) fail('noInput', {});
        const churn = {
          input: {},
          columns: { id: o.id, time: o.time, signup: o.signup, churn: o.churn },
          by: o.by?.split(','),
          inactiveAfter: o.inactiveAfter,
          duration: o.duration,
          event: o.event,
          tz: o.tz,
          asOf: o.asOf,
          where: o.where,
          period: o.period,
          weekStart: o.weekStart,
        };
        const text = churnSqlText(churn, { analysis: o.analysis as 'survival' | 'crr', dialect: o.dialect, table: o.table, customersTable: o.customersTable, timeType: o.timeType, numbers: o.number });
        await writeResult(io, { format: 'csv', out: o.out }, () => text);
        return;
      }
      if (!o.table) fail('noInput', {});
      const spec: MatrixSpec = { ...matrixFields(o), cohort: o.cohort.split(',') };
      const text = matrixSqlText(spec, { dialect: o.dialect, table: o.table!, customersTable: o.customersTable, timeType: o.timeType, numbers: o.number });
      await writeResult(io, { format: 'csv', out: o.out }, () => text);
    });
}
