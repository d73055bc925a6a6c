import type { FieldName } from '../field-name.js';
import { counted, list, q, thousands } from './message-format.js';
import { noActivityReason, noCustomersReason, type NoActivityReason, type NoCustomersReason } from '../message-reasons.js';

/** The catalogue's messages about time columns: formats, forms, numbers that are no times, as-of. */
export const timeMessages = {
  noTimeParsed: (p: { example: unknown }, n: FieldName) =>
    `no value of the time column could be read as a date, e.g. ${q(p.example)}; pass ${n('dateFormat')} (YYYYMMDD, DD-MM-YYYY, MM/DD/YYYY, ...)`,
  ambiguousDate: (p: { example: string }, n: FieldName) => {
    const s = p.example.includes('/') ? '/' : '-'; // name the formats that read the example
    return `dates such as ${q(p.example)} could be day-first or month-first; pass ${n('dateFormat')} DD${s}MM${s}YYYY or MM${s}DD${s}YYYY`;
  },
  excelOrEpoch: (p: { example: string; excelDay: string }, n: FieldName) =>
    `numbers such as ${q(p.example)} read as epoch seconds all fall on 1970-01-01 or 1970-01-02; ` +
    `if they are Excel serial dates (${q(p.example)} = ${p.excelDay}) pass ${n('dateFormat')} EXCEL, if epoch seconds ${n('dateFormat')} EPOCH-S`,
  smallNumbersNotTimes: (p: { column?: string; min: number; max: number }, n: FieldName) =>
    `the column holds only whole numbers, ${p.min} to ${p.max}, not times (as epoch seconds they would all fall in the first days of 1970). ` +
    `If they are lifetimes (such as months of tenure), ${n('analysis.survival')} ${n('duration')} ${q(p.column ?? '<column>')} ${n('event')} "<column>=<value>" draws their survival curves; ` +
    `years (2024) or year-months (202401) are no times either: write them as dates (2024-01-01); ` +
    `only if they really are seconds since 1970, pass ${n('dateFormat')} EPOCH-S`,
  neverTime: (p: { value: string; role: 'signup' | 'activity' }, n: FieldName) =>
    `${q(p.value)} is a date in the year 9999, which exports write for "never": as ${p.role === 'signup' ? `a signup (${n('columns.signup')})` : `an activity time (${n('columns.time')})`} it is no real time; ` +
    `correct or blank the value, or give ${n('asOf')} (it is then after the as-of: left out and counted); in the churn column, ${n('columns.churn')}, such a date reads as not churned`,
  mixedTimeForms: (p: { a: string; aRow?: number; aForm: string; b: string; bRow?: number; bForm: string }, n: FieldName) =>
    `the time column mixes ${p.aForm} (${p.aRow !== undefined ? `row ${p.aRow}: ` : ''}${q(p.a)}) and ${p.bForm} (${p.bRow !== undefined ? `row ${p.bRow}: ` : ''}${q(p.b)}); pass ${n('dateFormat')} to say which is meant`,
  ymdExceptRows: (p: { row?: number; value: string; bad: number; present: number; example: string; engine?: string; role?: 'activity' | 'signup' | 'churn' }, n: FieldName) =>
    `${ymdSubject(p.role, n)} reads as YYYYMMDD dates (${thousands(p.present - p.bad)} of ${counted(p.present, 'value')}, such as ${q(p.example)}) except ` +
    `${p.row !== undefined ? `row ${p.row}: ` : ''}${q(p.value)}${p.bad > 1 ? ` and ${thousands(p.bad - 1)} more` : ''}, no date between 1900 and 2100 (nor 9999MMDD, "never"); ` +
    `read as epoch seconds, every date would fall in 1970. ` +
    // In a churn column a reject drops its customer: blanking (not churned) is the way out there.
    (p.role === 'churn'
      ? `Correct or blank ${p.bad > 1 ? 'them' : 'it'}: a blank churn reads as not churned, as 0, 00000000 and 99999999 do; ` +
        (p.engine === undefined
          ? `${n('dateFormat')} YYYYMMDD would make ${p.bad > 1 ? 'them rejects' : 'it a reject'}, ${p.bad > 1 ? 'their customers' : 'its customer'} left out of the analysis`
          : `the ${p.engine} engine reads a YYYYMMDD column only when every value reads`)
      : p.engine === undefined
        ? `Pass ${n('dateFormat')} YYYYMMDD to read the dates: the other values are then rejects, counted against ${n('maxRejects')} and written to ${n('rejects')}; or correct or blank them`
        : `Correct or blank ${p.bad > 1 ? 'them' : 'it'}: the ${p.engine} engine reads a YYYYMMDD column only when every value reads; ${n('engine')} memory with ${n('dateFormat')} YYYYMMDD counts such rows as rejects`) +
    `; only if they really are seconds since 1970, pass ${n('dateFormat')} EPOCH-S`,
  unknownDateFormat: (p: { value: string; allowed: readonly string[] }, n: FieldName) =>
    `${n('dateFormat')} ${q(p.value)} is not one of ${list(p.allowed)}`,
  dateFormatMostlyUnreadable: (p: { format: string; bad: number; present: number; rows: readonly number[] }, n: FieldName) =>
    `${n('dateFormat')} ${p.format} leaves ${thousands(p.bad)} of ${counted(p.present, 'value')} unreadable` +
    `${p.rows.length ? ` (rows ${p.rows.join(', ')}, ...)` : ''}; check the format, or leave ${n('dateFormat')} out to sniff it`,
  inactiveAfterUnused: (p: { mode: string }, n: FieldName) =>
    `${n('inactiveAfter')} infers churn, which ${n('mode')} ${p.mode} does not use: drop it, or pass ${n('mode')} survival (churn from inactivity)`,
  inactivityWithChurn: (p: { churn: string }, n: FieldName) =>
    `${n('inactiveAfter')} infers churn from activity, but ${n('columns.churn')} ${q(p.churn)} names churn times: drop one of them`,
  inactiveAfterWithDuration: (_p: Record<string, never>, n: FieldName) =>
    `${n('inactiveAfter')} infers churn from activity, but ${n('duration')} and ${n('event')} already give lifetimes: drop one of them`,
  noCustomers: (p: { read: number; left: Partial<Record<NoCustomersReason, number>> }, n: FieldName) => {
    const why = Object.entries(p.left).filter(([, count]) => count).map(([reason, count]) => `${thousands(count!)} ${noCustomersReason(reason as NoCustomersReason, n)}`);
    return `no customer is left to compute${why.length ? `: of ${counted(p.read, 'customer')}, ${why.join(', ')}` : ''}`;
  },
  noActivity: (p: { rows?: number; left?: Partial<Record<NoActivityReason, number>>; warnings?: readonly string[] }, n: FieldName) => {
    const why = Object.entries(p.left ?? {}).filter(([, count]) => count).map(([reason, count]) => `${thousands(count!)} ${noActivityReason(reason as NoActivityReason, n)}`);
    return p.rows !== undefined && why.length
      ? `no activity is left to compute: of ${counted(p.rows, 'activity row')}, ${why.join(', ')}${(p.warnings ?? []).map((w) => `; ${w}`).join('')}`
      : 'no activity is left after filtering and the as-of date: nothing to compute';
  },
} as const;

/** The column ymdExceptRows is about, by its role where known (as neverTime names it). */
function ymdSubject(role: 'activity' | 'signup' | 'churn' | undefined, n: FieldName): string {
  if (role === 'churn') return `the churn column (${n('columns.churn')})`;
  if (role === 'signup') return `the signup column (${n('columns.signup')})`;
  if (role === 'activity') return `the activity time column (${n('columns.time')})`;
  return 'the time column';
}
