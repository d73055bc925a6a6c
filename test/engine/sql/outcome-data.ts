import { random } from './generated-data.js';

// Seeded customers, activity and survey tables for the churned-vs-retained and feedback
// analyses across engines: missing reasons and statuses, values with ties and gaps in
// groups of even and odd sizes, scores off their scales, signups next to Berlin month ends.

const SEGMENTS = ['a', 'b', 'c', ''];
const PLANS = ['basic', 'pro', 'team'];
const CATEGORIES = ['Price', 'Competitor', 'Support', ''];
const REASONS = ['Too expensive', 'Better offer', 'Slow answers', 'Moved', ''];
const STATUSES = ['Churned', 'Churned', 'Stayed', 'Stayed', 'Joined', ''];
// A few values only, so medians meet ties; '' = no value.
const REVENUE = ['10', '20', '20', '35.5', '50', '50', '120', '-5', '', '1000.25'];

const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** customers.csv: id,segment,plan,status,category,reason,revenue,signup,churned_at,nps */
export function outcomeCustomers(seed: number, n = 257): string {
  const r = random(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const lines = ['id,segment,plan,status,category,reason,revenue,signup,churned_at,nps'];
  for (let c = 0; c < n; ++c) {
    // Signups in 2023, a third of them within an hour of a UTC month end (Berlin's next month).
    const month = Math.floor(r() * 12);
    const signup = r() < 0.33 ? Date.UTC(2023, month + 1, 1) - Math.floor(r() * 3600) * 1000 : Date.UTC(2023, month, 1) + Math.floor(r() * 27 * 86400) * 1000;
    const status = pick(STATUSES);
    const churned = status === 'Churned' || r() < 0.2 ? signup + Math.floor(r() * 400 * 86400) * 1000 : undefined;
    const nps = r() < 0.1 ? '' : r() < 0.05 ? '11' : String(Math.floor(r() * 11));
    lines.push([`k${c * 37 % 1009}`, pick(SEGMENTS), pick(PLANS), status, pick(CATEGORIES), pick(REASONS), pick(REVENUE), iso(signup), churned ? iso(churned) : '', nps].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * activity.csv: id,time,amount,channel for the customers above (some without any), amounts
 * with gaps, the channel of each event (a group of the activity table: the first one counts).
 */
export function outcomeActivity(seed: number, n = 257): string {
  const r = random(seed + 1);
  const lines = ['id,time,amount,channel'];
  for (let c = 0; c < n; ++c) {
    if (r() < 0.15) continue;
    let t = Date.UTC(2023, Math.floor(r() * 12), 1 + Math.floor(r() * 27), Math.floor(r() * 24));
    for (let e = Math.floor(r() * 8); e >= 0; --e) {
      lines.push([`k${c * 37 % 1009}`, iso(t), r() < 0.1 ? '' : String(5 * Math.floor(r() * 6)), ['web', 'app', 'shop', ''][Math.floor(r() * 4)]].join(','));
      // Strictly later: no two events of a customer share an instant (the first one is unique).
      t += (1 + Math.floor(r() * 60 * 86400)) * 1000;
    }
  }
  return `${lines.join('\n')}\n`;
}

/** survey.csv: id,segment,nps,csat,ces with scores missing, off the scale and not whole. */
export function outcomeSurvey(seed: number, n = 301): string {
  const r = random(seed + 2);
  const score = (lo: number, hi: number): string => {
    const x = r();
    if (x < 0.08) return '';
    if (x < 0.12) return String(hi + 1);
    if (x < 0.14) return String(lo - 1);
    if (x < 0.16) return `${lo}.5`;
    return String(lo + Math.floor(r() * (hi - lo + 1)));
  };
  const lines = ['id,segment,nps,csat,ces'];
  for (let i = 0; i < n; ++i) lines.push([`s${i}`, SEGMENTS[Math.floor(r() * 3)], score(0, 10), score(1, 5), score(1, 7)].join(','));
  return `${lines.join('\n')}\n`;
}
