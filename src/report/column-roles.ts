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
