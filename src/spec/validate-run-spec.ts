import { fail } from '../errors.js';
import { resolveDateFormat } from '../time/date-format.js';
import { parseAsOf } from '../time/parse-time.js';
import { timeZone } from '../time/zone.js';
import { checkEngineSpec } from './engine-spec.js';
import { RUN_SPEC_SCHEMA } from './run-spec-schema.js';
import { ANALYSIS_KINDS, type RunSpec } from './run-spec.js';

/** Edit distance of two short keys (for "did you mean"). */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; ++i) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; ++j) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** The allowed key closest to `key`, when it is close enough to be a typo. */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const a of allowed) {
    const d = distance(key, a);
    if (d < bestD) [best, bestD] = [a, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  parentSchema?: { properties?: Record<string, unknown> };
}
type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

let validators: { spec: Validate; analysis: Record<string, Validate> } | undefined;

async function compile(): Promise<NonNullable<typeof validators>> {
  if (validators) return validators;
  // Loaded on first use: only `kohort run` needs a validator.
  const mod = (await import('ajv')) as unknown as { default: { default?: unknown } };
  const Ajv = (mod.default.default ?? mod.default) as new (o: object) => {
    addSchema(s: object): void;
    getSchema(ref: string): Validate | undefined;
  };
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
  ajv.addSchema(RUN_SPEC_SCHEMA);
  const id = RUN_SPEC_SCHEMA.$id;
  const get = (ref: string): Validate => ajv.getSchema(`${id}${ref}`)!;
  const title = (k: string): string => `${k[0].toUpperCase()}${k.slice(1)}`;
  validators = {
    spec: get(''),
    analysis: Object.fromEntries(ANALYSIS_KINDS.map((k) => [k, get(`#/$defs/${title(k)}Analysis`)])),
  };
  return validators;
}

/** "analyses[0].outputs[1].format" from "/analyses/0/outputs/1/format". */
function readablePath(base: string, pointer: string): string {
  let out = base;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(key) ? `[${key}]` : out ? `.${key}` : key;
  }
  return out || '(the spec)';
}

/** The one error to report of a failed validation: unknown keys first, then the deepest. */
function report(errors: AjvError[], base: string, data: unknown): never {
  const unknown = errors.find((e) => e.keyword === 'additionalProperties');
  if (unknown) {
    const key = String(unknown.params.additionalProperty);
    const allowed = Object.keys(unknown.parentSchema?.properties ?? {});
    fail('specUnknownKey', { path: readablePath(base, unknown.instancePath), key, hint: closestKey(key, allowed) });
  }
  const e = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
  let problem = e.message ?? e.keyword;
  if (e.keyword === 'enum') problem = `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'const') problem = `must be ${JSON.stringify(e.params.allowedValue)}`;
  if (e.keyword === 'required') problem = `missing key "${String(e.params.missingProperty)}"`;
  else problem += `, got ${quoteValue(valueAt(data, e.instancePath))}`;
  fail('specInvalid', { path: readablePath(base, e.instancePath), problem });
}

/** The value a JSON pointer ("/outputs/0/format") points at in `data`. */
function valueAt(data: unknown, pointer: string): unknown {
  let v = data;
  for (const part of pointer.split('/').slice(1)) v = (v as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return v;
}

/** A spec value for a message: JSON, shortened past 60 characters. */
function quoteValue(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * validateRunSpec: check a parsed spec file against the JSON Schema of spec files (ajv).
 * Throws KohortError naming the first problem's path: an unknown key with the closest
 * allowed key ("did you mean"), a missing key, a value of the wrong type or not allowed.
 */
export async function validateRunSpec(data: unknown): Promise<RunSpec> {
  const v = await compile();
  if (v.spec(data)) {
    const spec = data as RunSpec;
    if (spec.engine) checkEngineSpec(spec.engine);
    // Defaults for every analysis: a bad one is named at its key, not at the first analysis that reads it.
    const top: [string, unknown, (v: string) => unknown][] = [
      ['tz', spec.tz, timeZone],
      ['dateFormat', spec.dateFormat, resolveDateFormat],
      ['asOf', spec.asOf, (v) => parseAsOf(v, timeZone('UTC'))],
    ];
    for (const [key, value, check] of top) {
      if (typeof value !== 'string') continue;
      try {
        check(value);
      } catch (e) {
        const message = (e as Error).message;
        fail('specInvalid', { path: key, problem: message.startsWith(`${key} `) ? message.slice(key.length + 1) : message });
      }
    }
    return spec;
  }
  const errors = v.spec.errors ?? [];
  // An analysis matches one of three shapes: report against the one its "kind" names.
  const analyses = (data as { analyses?: unknown }).analyses;
  if (Array.isArray(analyses)) {
    for (let i = 0; i < analyses.length; ++i) {
      const a = analyses[i] as { kind?: unknown } | null;
      const path = `analyses[${i}]`;
      if (typeof a !== 'object' || a === null || Array.isArray(a)) fail('specInvalid', { path, problem: 'must be an object' });
      if (!ANALYSIS_KINDS.includes(a.kind as never)) {
        fail('specInvalid', { path: `${path}.kind`, problem: `must be one of ${ANALYSIS_KINDS.map((k) => JSON.stringify(k)).join(', ')}, got ${quoteValue(a.kind)}` });
      }
      const check = v.analysis[a.kind as string];
      if (!check(a)) report(check.errors ?? [], path, a);
    }
  }
  report(errors.filter((e) => !/^\/analyses\/\d/.test(e.instancePath)), '', data);
}
