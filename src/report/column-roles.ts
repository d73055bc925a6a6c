import { counted } from '../messages.js';

/** The columns a run reads, by table and role (a normalized spec's activity and customers). */
export interface ColumnRoles {
  activity?: { id: string; time: string; amount?: readonly string[] };
  customers?: { id?: string; signup?: string; churn?: string };
}

/**
 * columnRolesLine: the column each role was given, one line for the load report, so a
 * column found by detection (customer_id, InvoiceDate, ...) is never a silent guess.
 */
export function columnRolesLine(spec: ColumnRoles): string {
  const q = (name: string): string => JSON.stringify(name);
  const parts: string[] = [];
  const a = spec.activity;
  if (a) parts.push(`activity id ${q(a.id)}, time ${q(a.time)}${a.amount?.length ? `, amount ${q(a.amount.join('*'))}` : ''}`);
  const c = spec.customers;
  if (c) {
    const roles = [c.id !== undefined && `id ${q(c.id)}`, c.signup !== undefined && `signup ${q(c.signup)}`, c.churn !== undefined && `churn ${q(c.churn)}`];
    parts.push(`customers ${roles.filter(Boolean).join(', ')}`);
  }
  return `columns: ${parts.join('; ')}`;
}

/** Where a churn analysis's lifetimes end, as its normalized spec resolved it. */
export type LifetimeEnd =
  | { kind: 'column'; column: string }
  | { kind: 'inactivity'; days: number }
  | { kind: 'first-activity' }
  | { kind: 'duration'; duration: string; event: { column: string; value?: string } }
  | { kind: 'flag'; event: { column: string; value?: string } };

/** The columns of a churn analysis (survival, CRR, reasons, value): its normalized spec's tables and churn source. */
export interface LifetimeColumns {
  activity?: { id: string; time: string };
  customers?: { id?: string; signup?: string };
  churn: LifetimeEnd;
}

/**
 * lifetimeColumnsLine: the load report's columns line of a churn analysis, naming the id,
 * the signup and where churn comes from (a column, inactivity, durations given directly, a
 * status flag), so detected columns (signup_at, churned_at) are never a silent guess.
 */
export function lifetimeColumnsLine(spec: LifetimeColumns): string {
  const q = (name: string): string => JSON.stringify(name);
  const rule = (e: { column: string; value?: string }): string => q(e.value === undefined ? e.column : `${e.column}=${e.value}`);
  const parts: string[] = [];
  const a = spec.activity;
  if (a) parts.push(`activity id ${q(a.id)}, time ${q(a.time)}`);
  const c = spec.customers;
  const churn = spec.churn;
  const roles = [c?.id !== undefined && `id ${q(c.id)}`, c?.signup !== undefined && `signup ${q(c.signup)}`];
  if (churn.kind === 'column') roles.push(`churn ${q(churn.column)}`);
  if (churn.kind === 'duration') roles.push(`duration ${q(churn.duration)}`, `event ${rule(churn.event)}`);
  if (churn.kind === 'flag') roles.push(`churned ${rule(churn.event)}`);
  const named = roles.filter(Boolean);
  if (named.length) parts.push(`${a && !c ? 'activity' : 'customers'} ${named.join(', ')}`);
  if (churn.kind === 'inactivity') parts.push(`churn: ${counted(churn.days, 'day')} after the last activity`);
  if (churn.kind === 'first-activity') parts.push('lifetimes end at the first activity after signup');
  return `columns: ${parts.join('; ')}`;
}
