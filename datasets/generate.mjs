#!/usr/bin/env node
// Seeded synthetic customers + activity for kohort's sample, tests and benchmark.
// Usage: node datasets/generate.mjs --customers 1000000 --events 10000000 --seed 42 --out DIR
//          [--formats csv,parquet,arrow] [--start 2022-01-01 --months 24] [--events-name events]
//          [--id-shape prefixed|int|uuid|email|mixed] [--time-shape datetime|date|iso-z|iso-offset|epoch-s|epoch-ms]
//          [--order time|customer|shuffled]   (shapes of the events CSV, for the shape benchmark)
//        node datasets/generate.mjs --small   (the committed sample in datasets/sample/)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DAY = 86400;
// name, share of signups, churn hazard multiplier, activity multiplier
const CHANNELS = [['organic', 0.35, 1.0, 1.0], ['referral', 0.15, 0.55, 1.3], ['paid_search', 0.2, 1.25, 0.9],
  ['social', 0.15, 1.4, 0.85], ['email', 0.15, 1.05, 1.0]];
const ONBOARDING = [['self_serve', 0.6, 1.15, 1.0], ['assisted', 0.3, 0.9, 1.1], ['sales_led', 0.1, 0.6, 1.25]];
// name, share, churn multiplier, activity multiplier, monthly price
const PLANS = [['basic', 0.6, 1.15, 0.9, 19], ['pro', 0.3, 0.85, 1.1, 49], ['enterprise', 0.1, 0.6, 1.4, 199]];
const REASONS = [['price', 0.3], ['competitor', 0.2], ['support', 0.15], ['product_fit', 0.25], ['moved', 0.1]];

export const ID_SHAPES = ['prefixed', 'int', 'uuid', 'email', 'mixed'];
export const TIME_SHAPES = ['datetime', 'date', 'iso-z', 'iso-offset', 'epoch-s', 'epoch-ms'];
export const ORDERS = ['time', 'customer', 'shuffled'];
const isDefaultShape = (o) => o.idShape === 'prefixed' && o.timeShape === 'datetime' && o.order === 'time';

export function parseArgs(argv) {
  const o = { customers: 1000, events: 10000, seed: 42, out: null, formats: 'csv', start: '2022-01-01', months: 24, eventsName: 'events',
    idShape: 'prefixed', timeShape: 'datetime', order: 'time' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--small') Object.assign(o, { customers: 2000, events: 40000, seed: 42, months: 18, formats: 'csv', eventsName: 'activity', small: true });
    else if (a.startsWith('--')) {
      const key = a.slice(2).replace(/-(\w)/g, (_, c) => c.toUpperCase());
      if (!(key in o)) throw new Error(`unknown option ${a}`);
      const v = argv[++i];
      o[key] = typeof o[key] === 'number' ? Number(v) : v;
    }
  }
  if (!o.out) o.out = o.small ? path.join(path.dirname(fileURLToPath(import.meta.url)), 'sample') : 'generated';
  o.formats = String(o.formats).split(',');
  const oneOf = (k, list) => { if (!list.includes(o[k])) throw new Error(`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is one of ${list.join(', ')}`); };
  oneOf('idShape', ID_SHAPES); oneOf('timeShape', TIME_SHAPES); oneOf('order', ORDERS);
  return o;
}

// sfc32 seeded through splitmix32: fast, 32-bit, reproducible across platforms.
export function rng(seed) {
  let s = seed >>> 0;
  const mix = () => { s = (s + 0x9e3779b9) | 0; let z = s; z = Math.imul(z ^ (z >>> 16), 0x85ebca6b); z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35); return (z ^ (z >>> 16)) >>> 0; };
  let a = mix(), b = mix(), c = mix(), d = mix();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (c << 21) | (c >>> 11); c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

const pick = (u, table) => { let acc = 0; for (let i = 0; i < table.length; i++) { acc += table[i][1]; if (u < acc) return i; } return table.length - 1; };
const normal = (r) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

function makeCustomers(o, r, endSec) {
  const n = o.customers;
  // Signups grow linearly over the range (density 1 + g*u); ids follow signup order.
  const g = 1.5, u = new Float64Array(n);
  for (let i = 0; i < n; i++) { const x = r(); u[i] = (-1 + Math.sqrt(1 + 2 * g * x * (1 + g / 2))) / g; }
  u.sort();
  const c = { n, signup: new Int32Array(n), churn: new Int32Array(n).fill(-1), channel: new Uint8Array(n), onboarding: new Uint8Array(n),
    plan: new Uint8Array(n), reason: new Int8Array(n).fill(-1), activity: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const s = Math.min(endSec - 1, Math.floor(u[i] * endSec));
    const ch = pick(r(), CHANNELS), ob = pick(r(), ONBOARDING), pl = pick(r(), PLANS);
    c.signup[i] = s; c.channel[i] = ch; c.onboarding[i] = ob; c.plan[i] = pl;
    // Weibull lifetime, shape < 1: churn is most likely early.
    const scaleDays = 480 / (CHANNELS[ch][2] * ONBOARDING[ob][2] * PLANS[pl][2]);
    const life = Math.max(3600, Math.floor(scaleDays * Math.pow(-Math.log(1 - r()), 1 / 0.8) * DAY));
    if (s + life < endSec) { c.churn[i] = s + life; if (r() >= 0.12) c.reason[i] = pick(r(), REASONS); }
    c.activity[i] = Math.exp(0.7 * normal(r)) * CHANNELS[ch][3] * ONBOARDING[ob][3] * PLANS[pl][3];
  }
  return c;
}

// Activity intensity per day: a * (F + (1 - F) * exp(-t / TAU)): a burst after signup, then a plateau.
const TAU = 45, F = 0.3;
function makeEvents(o, r, c, endSec) {
  const n = c.n, total = o.events, count = new Int32Array(n), w = new Float64Array(n), atSignup = new Uint8Array(n);
  let active = 0, wsum = 0;
  for (let i = 0; i < n; i++) {
    if (r() < 0.02) continue; // signed up, never used the product
    const L = ((c.churn[i] >= 0 ? c.churn[i] : endSec) - c.signup[i]) / DAY;
    w[i] = c.activity[i] * (F * L + (1 - F) * TAU * (1 - Math.exp(-L / TAU)));
    wsum += w[i]; active++; atSignup[i] = r() < 0.9 ? 1 : 0;
  }
  let left = total;
  if (active <= total) for (let i = 0; i < n; i++) if (w[i] > 0) { count[i] = 1; left--; }
  const rest = left;
  for (let i = 0; i < n && rest > 0; i++) if (w[i] > 0) { const k = Math.floor((rest * w[i]) / wsum + r()); count[i] += k; left -= k; }
  while (left !== 0) { // fix rounding so the total is exact
    const i = Math.floor(r() * n);
    if (w[i] === 0) continue;
    if (left > 0) { count[i]++; left--; } else if (count[i] > 1 || (active > total && count[i] > 0)) { count[i]--; left++; }
  }
  const cust = new Int32Array(total), sec = new Int32Array(total), cents = new Int32Array(total);
  let e = 0;
  for (let i = 0; i < n; i++) {
    const k = count[i];
    if (k === 0) continue;
    const s = c.signup[i], Lsec = (c.churn[i] >= 0 ? c.churn[i] : endSec) - s, L = Lsec / DAY;
    const flat = F * L, burst = (1 - F) * TAU * (1 - Math.exp(-L / TAU)), pFlat = flat / (flat + burst), tail = 1 - Math.exp(-L / TAU);
    const base = PLANS[c.plan[i]][4];
    for (let j = 0; j < k; j++) {
      let t;
      if (j === 0 && atSignup[i]) t = 0;
      else {
        const days = r() < pFlat ? r() * L : -TAU * Math.log(1 - r() * tail);
        t = Math.min(Lsec - 1, Math.floor(days * DAY));
      }
      let amt = Math.max(1, Math.round(base * Math.exp(0.35 * normal(r)) * 100));
      if (r() < 0.004) amt = -amt; // refund
      cust[e] = i; sec[e] = s + t; cents[e] = amt; e++;
    }
  }
  // Counting sort on minutes, like a time-ordered export. Scattering the values (rather than
  // keeping a permutation) keeps every later pass sequential: random loads were 3/4 of the CSV time.
  const nMin = Math.ceil(endSec / 60) + 1, start = new Int32Array(nMin + 1);
  for (let i = 0; i < total; i++) start[((sec[i] / 60) | 0) + 1]++;
  for (let m = 0; m < nMin; m++) start[m + 1] += start[m];
  const sc = new Int32Array(total), ss = new Int32Array(total), sa = new Int32Array(total);
  for (let i = 0; i < total; i++) { const p = start[(sec[i] / 60) | 0]++; sc[p] = cust[i]; ss[p] = sec[i]; sa[p] = cents[i]; }
  return { total, cust: sc, sec: ss, cents: sa };
}

// Fixed-width ids "C0000001" as one byte block, shared by CSV and Arrow writers.
function idBlock(n) {
  const w = Math.max(7, String(n).length) + 1, b = Buffer.alloc(n * w);
  for (let i = 0; i < n; i++) { b[i * w] = 67; let v = i + 1; for (let p = i * w + w - 1; p > i * w; p--) { b[p] = 48 + (v % 10); v = (v / 10) | 0; } }
  return { w, b };
}

class Out {
  constructor(file) { this.fd = fs.openSync(file, 'w'); this.buf = Buffer.allocUnsafe(1 << 22); this.n = 0; }
  room(k) { if (this.n + k > this.buf.length) this.flush(); }
  flush() { fs.writeSync(this.fd, this.buf, 0, this.n); this.n = 0; }
  str(s) { this.n += this.buf.write(s, this.n, 'latin1'); }
  bytes(src, from, len) { const b = this.buf; let n = this.n; for (let k = from, e = from + len; k < e; k++) b[n++] = src[k]; this.n = n; }
  two(v) { this.buf[this.n++] = 48 + ((v / 10) | 0); this.buf[this.n++] = 48 + (v % 10); }
  close() { this.flush(); fs.closeSync(this.fd); }
}

function timeWriter(startMs, endSec) {
  const days = Math.ceil(endSec / DAY) + 1, block = Buffer.alloc(days * 11);
  for (let d = 0; d < days; d++) block.write(new Date(startMs + d * DAY * 1000).toISOString().slice(0, 10) + ' ', d * 11, 'latin1');
  const ts = (out, s) => {
    const d = (s / DAY) | 0, r = s - d * DAY;
    out.bytes(block, d * 11, 11);
    out.two((r / 3600) | 0); out.buf[out.n++] = 58; out.two(((r % 3600) / 60) | 0); out.buf[out.n++] = 58; out.two(r % 60);
  };
  ts.days = block;
  return ts;
}

function writeCsv(o, dir, c, ev, ids, startMs, endSec) {
  const ts = timeWriter(startMs, endSec);
  const out = new Out(path.join(dir, 'customers.csv'));
  out.str('customer_id,signup_at,channel,onboarding,plan,monthly_price,churned_at,churn_reason\n');
  for (let i = 0; i < c.n; i++) {
    out.room(256);
    if (ids.off) out.bytes(ids.b, ids.off[i], ids.off[i + 1] - ids.off[i]); else out.bytes(ids.b, i * ids.w, ids.w); out.str(','); ts(out, c.signup[i]);
    const p = PLANS[c.plan[i]];
    out.str(`,${CHANNELS[c.channel[i]][0]},${ONBOARDING[c.onboarding[i]][0]},${p[0]},${p[4]}.00,`);
    if (c.churn[i] >= 0) ts(out, c.churn[i]);
    out.str(c.reason[i] >= 0 ? `,${REASONS[c.reason[i]][0]}\n` : ',\n');
  }
  out.close();
  if (isDefaultShape(o)) writeEventsCsv(path.join(dir, `${o.eventsName}.csv`), ev, ids, ts.days);
  else writeShapedEventsCsv(path.join(dir, `${o.eventsName}.csv`), o, ev, ids, startMs);
}

// Ids of other shapes, as one byte block with offsets (ids[i] = b[off[i]..off[i+1])).
function shapedIds(n, shape, r) {
  const WORDS = ['anna', 'ben', 'chen', 'dara', 'eli', 'fatima', 'gus', 'hana', 'ivan', 'joy'];
  const DOMAINS = ['example.com', 'mail.test', 'corp.example.org'];
  const hex = (k) => { let x = ''; for (let i = 0; i < k; i++) x += ((r() * 16) | 0).toString(16); return x; };
  const parts = new Array(n);
  for (let i = 0; i < n; i++) {
    if (shape === 'int') parts[i] = String(i + 1);
    else if (shape === 'uuid') parts[i] = `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[(r() * 4) | 0]}${hex(3)}-${hex(12)}`;
    else if (shape === 'email') parts[i] = `${WORDS[i % 10]}.${i + 1}@${DOMAINS[i % 3]}`;
    else {
      // mostly plain integers, with a few odd ones: zero-padded (a different id than the
      // plain number), negative, alphanumeric, very long
      const u = r();
      parts[i] = u < 0.002 ? `00${i + 1}` : u < 0.003 ? `-${i + 1}` : u < 0.006 ? `X${i + 1}` : u < 0.007 ? `9${String(i + 1).padStart(20, '0')}` : String(i + 1);
    }
  }
  const b = Buffer.from(parts.join(''), 'latin1'), off = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) off[i + 1] = off[i] + parts[i].length;
  return { b, off };
}

const OFFSETS_MIN = [0, 120, -300, 330, -480, 60];
function shapedTime(shape, startMs) {
  const iso = (ms) => new Date(ms).toISOString();
  switch (shape) {
    case 'date': return (s) => iso(startMs + s * 1000).slice(0, 10);
    case 'iso-z': return (s) => `${iso(startMs + s * 1000).slice(0, 19)}Z`;
    case 'epoch-s': return (s) => String(startMs / 1000 + s);
    case 'epoch-ms': return (s) => String(startMs + s * 1000 + (s % 1000));
    case 'iso-offset': return (s, i) => {
      const m = OFFSETS_MIN[i % OFFSETS_MIN.length], a = Math.abs(m);
      const z = `${m < 0 ? '-' : '+'}${String((a / 60) | 0).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
      return `${iso(startMs + s * 1000 + m * 60000).slice(0, 19)}${z}`;
    };
    default: return (s) => iso(startMs + s * 1000).slice(0, 19).replace('T', ' ');
  }
}

// Row order: time (as generated), by customer (stable), or a seeded shuffle.
function rowOrder(ev, order, seed) {
  const n = ev.total, p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  if (order === 'customer') {
    const cnt = new Int32Array(ev.cust.reduce((m, c) => Math.max(m, c), 0) + 2);
    for (let i = 0; i < n; i++) cnt[ev.cust[i] + 1]++;
    for (let c = 1; c < cnt.length; c++) cnt[c] += cnt[c - 1];
    for (let i = 0; i < n; i++) p[cnt[ev.cust[i]]++] = i;
  } else if (order === 'shuffled') {
    const r = rng(seed ^ 0x5bd1e995);
    for (let i = n - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)), t = p[i]; p[i] = p[j]; p[j] = t; }
  }
  return p;
}

function writeShapedEventsCsv(file, o, ev, ids, startMs) {
  const fd = fs.openSync(file, 'w'), b = Buffer.allocUnsafe(1 << 22), limit = b.length - 256;
  const time = shapedTime(o.timeShape, startMs), p = rowOrder(ev, o.order, o.seed);
  const idAt = ids.off ? (c) => ids.b.latin1Slice(ids.off[c], ids.off[c + 1]) : (c) => ids.b.latin1Slice(c * ids.w, (c + 1) * ids.w);
  let n = b.write('customer_id,event_time,amount\n', 0, 'latin1');
  for (let j = 0; j < ev.total; j++) {
    if (n > limit) { fs.writeSync(fd, b, 0, n); n = 0; }
    const e = p[j], c = ev.cust[e], v = ev.cents[e], a = Math.abs(v);
    n += b.latin1Write(`${idAt(c)},${time(ev.sec[e], c)},${v < 0 ? '-' : ''}${(a / 100) | 0}.${String(a % 100).padStart(2, '0')}\n`, n);
  }
  fs.writeSync(fd, b, 0, n); fs.closeSync(fd);
}

// The hot loop, with everything in locals: ~3x faster than going through Out.
function writeEventsCsv(file, ev, ids, days) {
  const fd = fs.openSync(file, 'w'), b = Buffer.allocUnsafe(1 << 22), limit = b.length - 64, idb = ids.b, w = ids.w;
  const { cust, sec, cents, total } = ev, digits = new Uint8Array(12);
  let n = b.write('customer_id,event_time,amount\n', 0, 'latin1');
  for (let j = 0; j < total; j++) {
    if (n > limit) { fs.writeSync(fd, b, 0, n); n = 0; }
    for (let k = cust[j] * w, e = k + w; k < e; k++) b[n++] = idb[k];
    b[n++] = 44;
    const s = sec[j], d = (s / 86400) | 0, r = s - d * 86400, h = (r / 3600) | 0, m = ((r - h * 3600) / 60) | 0, x = r % 60;
    for (let k = d * 11, e = k + 11; k < e; k++) b[n++] = days[k];
    b[n++] = 48 + ((h / 10) | 0); b[n++] = 48 + (h % 10); b[n++] = 58;
    b[n++] = 48 + ((m / 10) | 0); b[n++] = 48 + (m % 10); b[n++] = 58;
    b[n++] = 48 + ((x / 10) | 0); b[n++] = 48 + (x % 10); b[n++] = 44;
    let v = cents[j];
    if (v < 0) { b[n++] = 45; v = -v; }
    let q = (v / 100) | 0, nd = 0;
    do { digits[nd++] = 48 + (q % 10); q = (q / 10) | 0; } while (q > 0);
    while (nd > 0) b[n++] = digits[--nd];
    const c = v % 100;
    b[n++] = 46; b[n++] = 48 + ((c / 10) | 0); b[n++] = 48 + (c % 10); b[n++] = 10;
  }
  fs.writeSync(fd, b, 0, n); fs.closeSync(fd);
}

async function writeParquet(o, dir) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:'), con = await db.connect();
  const q = (s) => `'${s.replace(/'/g, "''")}'`;
  const copy = (name, cols) => con.run(`COPY (SELECT * FROM read_csv(${q(path.join(dir, name + '.csv'))}, header=true, columns={${cols}}, ` +
    `timestampformat='%Y-%m-%d %H:%M:%S')) TO ${q(path.join(dir, name + '.parquet'))} (FORMAT parquet, COMPRESSION zstd)`);
  await copy('customers', `'customer_id':'VARCHAR','signup_at':'TIMESTAMP','channel':'VARCHAR','onboarding':'VARCHAR','plan':'VARCHAR',` +
    `'monthly_price':'DOUBLE','churned_at':'TIMESTAMP','churn_reason':'VARCHAR'`);
  await copy(o.eventsName, `'customer_id':'VARCHAR','event_time':'TIMESTAMP','amount':'DOUBLE'`);
  con.closeSync?.(); db.closeSync?.();
}

async function writeArrow(o, dir, c, ev, ids, startMs) {
  const A = await import('apache-arrow');
  const dictTypes = {}; // one type (and dictionary id) per column, shared by all batches
  const utf8 = (n) => A.makeData({ type: new A.Utf8(), length: n, nullCount: 0, valueOffsets: Int32Array.from({ length: n + 1 }, (_, i) => i * ids.w), data: ids.b.subarray(0, n * ids.w) });
  const dictOf = (names) => { const enc = new TextEncoder(), parts = names.map((s) => enc.encode(s)), off = new Int32Array(names.length + 1);
    parts.forEach((p, i) => { off[i + 1] = off[i] + p.length; });
    const data = new Uint8Array(off[names.length]); parts.forEach((p, i) => data.set(p, off[i]));
    return A.makeVector(A.makeData({ type: new A.Utf8(), length: names.length, nullCount: 0, valueOffsets: off, data })); };
  const validity = (isNull, n) => { const b = new Uint8Array((n + 7) >> 3); let nulls = 0;
    for (let i = 0; i < n; i++) { if (isNull(i)) nulls++; else b[i >> 3] |= 1 << (i & 7); } return { b, nulls }; };
  const dictCol = (name, dict, idx, nullable, isNull) => { const type = (dictTypes[name] ??= new A.Dictionary(new A.Utf8(), new A.Int32()));
    const v = nullable ? validity(isNull, idx.length) : { b: undefined, nulls: 0 };
    return [new A.Field(name, type, nullable), A.makeData({ type, length: idx.length, nullCount: v.nulls, nullBitmap: v.b, data: idx, dictionary: dict })]; };
  const tsCol = (name, sec, nullable) => { const type = new A.TimestampMillisecond('UTC'), n = sec.length, ms = new BigInt64Array(n);
    for (let i = 0; i < n; i++) ms[i] = BigInt(startMs + (sec[i] < 0 ? 0 : sec[i]) * 1000);
    const v = nullable ? validity((i) => sec[i] < 0, n) : { b: undefined, nulls: 0 };
    return [new A.Field(name, type, nullable), A.makeData({ type, length: n, nullCount: v.nulls, nullBitmap: v.b, data: ms })]; };
  const f64 = (name, arr) => [new A.Field(name, new A.Float64(), false), A.makeData({ type: new A.Float64(), length: arr.length, nullCount: 0, data: arr })];
  const batch = (cols) => { const schema = new A.Schema(cols.map((x) => x[0]));
    return new A.RecordBatch(schema, A.makeData({ type: new A.Struct(schema.fields), length: cols[0][1].length, nullCount: 0, children: cols.map((x) => x[1]) })); };
  const write = (file, batches) => fs.writeFileSync(path.join(dir, file), A.tableToIPC(new A.Table(batches), 'file'));

  const n = c.n, idx = (src) => Int32Array.from(src), names = (t) => t.map((x) => x[0]);
  write('customers.arrow', [batch([
    [new A.Field('customer_id', new A.Utf8(), false), utf8(n)], tsCol('signup_at', c.signup, false),
    dictCol('channel', dictOf(names(CHANNELS)), idx(c.channel)), dictCol('onboarding', dictOf(names(ONBOARDING)), idx(c.onboarding)),
    dictCol('plan', dictOf(names(PLANS)), idx(c.plan)), f64('monthly_price', Float64Array.from(c.plan, (p) => PLANS[p][4])),
    tsCol('churned_at', c.churn, true), dictCol('churn_reason', dictOf(names(REASONS)), Int32Array.from(c.reason, (v) => Math.max(0, v)), true, (i) => c.reason[i] < 0)])]);
  const idDict = A.makeVector(utf8(n)), batches = [], step = 1 << 20;
  for (let from = 0; from < ev.total; from += step) {
    const to = Math.min(ev.total, from + step), am = new Float64Array(to - from);
    for (let j = from; j < to; j++) am[j - from] = ev.cents[j] / 100;
    batches.push(batch([dictCol('customer_id', idDict, ev.cust.slice(from, to)), tsCol('event_time', ev.sec.subarray(from, to), false), f64('amount', am)]));
  }
  write(`${o.eventsName}.arrow`, batches);
}

export async function generate(o) {
  const t0 = performance.now(), [y, m, d] = o.start.split('-').map(Number);
  const startMs = Date.UTC(y, m - 1, d), endSec = (Date.UTC(y, m - 1 + o.months, d) - startMs) / 1000;
  fs.mkdirSync(o.out, { recursive: true });
  const r = rng(o.seed), c = makeCustomers(o, r, endSec), ev = makeEvents(o, r, c, endSec);
  const ids = o.idShape === 'prefixed' ? idBlock(c.n) : shapedIds(c.n, o.idShape, rng(o.seed + 1));
  if (!isDefaultShape(o) && o.formats.some((f) => f !== 'csv')) throw new Error('id, time and order shapes are written as CSV only (--formats csv)');
  const lap = (label, t) => console.error(`${label} ${((performance.now() - t) / 1000).toFixed(2)}s`);
  lap('generate', t0);
  let t = performance.now();
  writeCsv(o, o.out, c, ev, ids, startMs, endSec); lap('csv', t);
  if (o.formats.includes('parquet')) { t = performance.now(); await writeParquet(o, o.out); lap('parquet', t); }
  if (o.formats.includes('arrow')) { t = performance.now(); await writeArrow(o, o.out, c, ev, ids, startMs); lap('arrow', t); }
  lap('total', t0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await generate(parseArgs(process.argv.slice(2)));
}
