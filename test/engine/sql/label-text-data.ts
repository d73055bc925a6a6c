import { random } from './generated-data.js';

// Label texts whose order and identity a database can get wrong: numbers that tie ("1" and
// "1.0", "007" and "7"), numbers mixed with text ("2" < "10" by value, "10" < "1a" by code
// units), case, accents and empty values; 20-digit integers (a DOUBLE to DuckDB's sniffer,
// where ...891 and ...892 are one value) as labels and as ids; "-01" beside decimals (a
// DOUBLE -1 to the sniffer) and dates in a form the sniffer rewrites ("2024-1-5").

/** Texts whose order ties or cycles under a numbers-then-code-units comparison of pairs. */
export const MIXED = ['b', 'B', 'é', 'É', 'e', 'ß', 'Z', '10', '2', '1a', '007', '7', '1.0', '1', '0x10', '16', '', '-', 'a b'];
/** 20-digit integers, as labels. */
export const WIDE = ['12345678901234567891', '12345678901234567892', '12345678901234567893', '99999999999999999999', '1'];
const SIGNED = ['-01', '1.5', '-1', '2.25'];
const SINCE = ['2024-1-5', '2024-01-05', '2024-02-03'];
const STATUSES = ['Churned', 'Stayed', 'Stayed'];

const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * customers (id,signup,churned_at,status,mixed,wide,signed,since,revenue,nps) and activity
 * (id,time,amount); `wideIds`: every id has 20 digits (else c0..), in an order other than the labels'.
 */
export function labelTextData(seed: number, wideIds: boolean, n = 300): { customers: string; activity: string } {
  const r = random(seed);
  const cus = ['id,signup,churned_at,status,mixed,wide,signed,since,revenue,nps'];
  const act = ['id,time,amount'];
  for (let c = 0; c < n; ++c) {
    const id = wideIds ? String(12345678901234567000n + BigInt((c * 37) % 1009)) : `c${(c * 37) % 1009}`;
    const signup = Date.UTC(2023, Math.floor(r() * 12), 1 + Math.floor(r() * 27), Math.floor(r() * 24));
    const status = STATUSES[c % 3];
    const churned = status === 'Churned' ? iso(signup + Math.floor(r() * 300 * 86400) * 1000) : '';
    const revenue = (Math.floor(r() * 400) / 4).toString();
    const mixed = MIXED[(c * 7) % MIXED.length];
    cus.push([id, iso(signup), churned, status, mixed, WIDE[c % WIDE.length], SIGNED[c % SIGNED.length], SINCE[c % SINCE.length], revenue, String(c % 11)].join(','));
    if (c % 8 === 7) continue; // no activity
    let t = signup;
    for (let e = Math.floor(r() * 6); e >= 0; --e) {
      act.push([id, iso(t), String(5 * Math.floor(r() * 5))].join(','));
      t += (1 + Math.floor(r() * 50 * 86400)) * 1000;
    }
  }
  return { customers: `${cus.join('\n')}\n`, activity: `${act.join('\n')}\n` };
}
