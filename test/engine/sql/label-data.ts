import { random } from './generated-data.js';

// Attribute values of every kind a label can come from: whole and decimal numbers in one
// column (a DOUBLE on DuckDB, double precision and Float64 on the servers), negatives,
// zero, boolean-like text and missing values, in both tables.

/** A number column's values ('' = missing): whole ones must read "19", never "19.0". */
export const TIERS = ['1', '19', '-3', '2.5', '-0.5', '0', '', '100', '19'];
const FLAGS = ['true', 'false', 'false', ''];
const LEVELS = ['1.5', '2', '-1', '', '10'];
const STATUSES = ['Churned', 'Stayed', 'Stayed'];
const REASONS = ['Price', 'Support', ''];

const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * customers (id,signup,churned_at,status,reason,revenue,tier,flag,nps) and activity
 * (id,time,amount,level: the level of each event; the first counted one is a customer's).
 */
export function labelData(seed: number, n = 240): { customers: string; activity: string } {
  const r = random(seed);
  const cus = ['id,signup,churned_at,status,reason,revenue,tier,flag,nps'];
  const act = ['id,time,amount,level'];
  for (let c = 0; c < n; ++c) {
    const id = `l${(c * 31) % 997}`;
    const signup = Date.UTC(2023, Math.floor(r() * 12), 1 + Math.floor(r() * 27), Math.floor(r() * 24));
    const status = STATUSES[c % 3];
    const churned = status === 'Churned' ? iso(signup + Math.floor(r() * 300 * 86400) * 1000) : '';
    const revenue = r() < 0.1 ? '' : (Math.floor(r() * 400) / 4).toString();
    cus.push([id, iso(signup), churned, status, REASONS[c % 3], revenue, TIERS[c % TIERS.length], FLAGS[c % FLAGS.length], String(c % 11)].join(','));
    if (c % 8 === 7) continue; // no activity
    let t = signup;
    for (let e = Math.floor(r() * 6); e >= 0; --e) {
      act.push([id, iso(t), String(5 * Math.floor(r() * 5)), LEVELS[(c + e) % LEVELS.length]].join(','));
      t += (1 + Math.floor(r() * 50 * 86400)) * 1000;
    }
  }
  return { customers: `${cus.join('\n')}\n`, activity: `${act.join('\n')}\n` };
}
