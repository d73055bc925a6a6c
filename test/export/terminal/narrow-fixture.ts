import * as aq from 'arquero';

/**
 * Customers and activity for the terminal tables at a narrow width: two plans with long
 * names, signup and churn times, a reason, scores and a revenue figure.
 */
export function narrowTables() {
  const ids = Array.from({ length: 24 }, (_, i) => `c${i}`);
  const plan = ids.map((_, i) => (i % 2 ? 'enterprise-annual-plan' : 'starter-monthly-plan'));
  const month = (i: number): string => `2024-${String((i % 6) + 1).padStart(2, '0')}-0${(i % 7) + 1}`;
  const customers = aq.table({
    id: ids,
    plan,
    signup_at: ids.map((_, i) => month(i)),
    churned_at: ids.map((_, i) => (i % 3 === 0 ? `2024-${String((i % 6) + 4).padStart(2, '0')}-15` : null)),
    status: ids.map((_, i) => (i % 3 === 0 ? 'Churned' : 'Stayed')),
    reason: ids.map((_, i) => (i % 3 === 0 ? (i % 2 ? 'Competitor made a better offer' : 'Moved away') : null)),
    nps: ids.map((_, i) => i % 11),
    csat: ids.map((_, i) => (i % 5) + 1),
    ces: ids.map((_, i) => (i % 7) + 1),
    revenue: ids.map((_, i) => 100 + 37.5 * i),
  });
  const act: { id: string[]; time: string[] } = { id: [], time: [] };
  ids.forEach((id, i) => {
    for (let m = (i % 6) + 1; m <= 12; m += 1 + (i % 3)) {
      act.id.push(id);
      act.time.push(`2024-${String(m).padStart(2, '0')}-1${i % 9}`);
    }
  });
  return { customers, activity: aq.table(act) };
}

/** Every line of `text` at most `width` characters. */
export function widest(text: string): number {
  return Math.max(...text.split('\n').map((l) => l.length));
}
