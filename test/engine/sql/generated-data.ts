import { mulberry32 } from '../../seeded-random.js';
/** A seeded generator (mulberry32): the same data on every run. */
export const random = mulberry32;

// Berlin's changes in 2023-2024 (UTC): clocks forward 01:00Z on the last Sunday of March,
// back 01:00Z on the last Sunday of October.
const CHANGES = ['2023-03-26T01:00:00Z', '2023-10-29T01:00:00Z', '2024-03-31T01:00:00Z', '2024-10-27T01:00:00Z'].map(Date.parse);

/**
 * Activity CSV (id,time,amount) with ISO instants clustered within hours of Berlin's DST
 * changes and of local midnights, so day, week and month boundaries in the zone are hit.
 */
export function berlinDstEvents(seed: number, customers = 300): string {
  const r = random(seed);
  const lines = ['id,time,amount'];
  for (let c = 0; c < customers; ++c) {
    const id = `u${(c * 7919) % 100003}`;
    const events = 1 + Math.floor(r() * 12);
    let t = CHANGES[Math.floor(r() * CHANGES.length)] + Math.round((r() - 0.5) * 6 * 3600) * 1000;
    for (let e = 0; e < events; ++e) {
      lines.push(`${id},${new Date(t).toISOString()},${(r() * 100).toFixed(2)}`);
      // Next event: whole days later plus a few hours, often landing near 22:00-01:00Z (local midnight).
      t += Math.floor(r() * 40) * 86_400_000 + Math.round((r() - 0.5) * 4 * 3600) * 1000;
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Activity CSV (id,time,amount,source,device) whose attribute columns change over a
 * customer's life (source: the channel of each visit; sometimes empty, also on a first
 * row), rows shuffled so file order is not time order, times clustered around Berlin's
 * DST changes; one row per customer and instant (no ties). With a customers CSV
 * (id,signup,plan) that also names customers without any activity.
 */
export function attributeEvents(seed: number, customers = 200): { activity: string; customers: string } {
  const r = random(seed);
  const sources = ['ads', 'organic', 'referral', 'partner'];
  const rows: string[] = [];
  const cus = ['id,signup,plan'];
  for (let c = 0; c < customers; ++c) {
    const id = `c${(c * 7919) % 100003}`;
    const start = CHANGES[Math.floor(r() * CHANGES.length)] + Math.round((r() - 0.5) * 8 * 3600) * 1000;
    cus.push(`${id},${new Date(start - Math.floor(r() * 3) * 86_400_000).toISOString()},${r() < 0.5 ? 'basic' : 'pro'}`);
    if (c % 10 === 9) continue; // no activity
    const events = 1 + Math.floor(r() * 8);
    let t = start;
    let source = sources[Math.floor(r() * sources.length)];
    for (let e = 0; e < events; ++e) {
      if (r() < 0.3) source = sources[Math.floor(r() * sources.length)];
      const s = r() < 0.1 ? '' : source;
      rows.push(`${id},${new Date(t).toISOString()},${(r() * 50).toFixed(2)},${s},${r() < 0.5 ? 'web' : 'app'}`);
      t += Math.floor(r() * 45) * 86_400_000 + Math.round(r() * 5 * 3600 + 1) * 1000;
    }
  }
  for (let i = rows.length - 1; i > 0; --i) {
    const j = Math.floor(r() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return { activity: `id,time,amount,source,device\n${rows.join('\n')}\n`, customers: `${cus.join('\n')}\n` };
}

/**
 * Customers CSV (id,signup,channel,referrals) for the ids of berlinDstEvents(seed, customers):
 * signups within hours of Berlin's DST changes, a channel (some empty) and a referral
 * count (some missing), plus a few customers without activity.
 */
export function berlinDstCustomers(seed: number, customers = 300): string {
  const r = random(seed * 31 + 7);
  const lines = ['id,signup,channel,referrals'];
  const channels = ['referral', 'organic', 'organic', 'paid', ''];
  for (let c = 0; c < customers + 20; ++c) {
    const id = `u${(c * 7919) % 100003}`;
    const t = CHANGES[Math.floor(r() * CHANGES.length)] + Math.round((r() - 0.7) * 12 * 3600) * 1000;
    const referrals = r() < 0.1 ? '' : String(Math.floor(r() * r() * 4));
    lines.push(`${id},${new Date(t).toISOString()},${channels[Math.floor(r() * channels.length)]},${referrals}`);
  }
  return `${lines.join('\n')}\n`;
}
