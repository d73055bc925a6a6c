import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { RUN_SPEC_SCHEMA } from '../../../src/spec/run-spec-schema.js';
import type { RunSpec } from '../../../src/spec/run-spec.js';
import { validateRunSpec } from '../../../src/spec/validate-run-spec.js';
import { runCli } from '../run-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const EXAMPLES = readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).sort();
const SAMPLE = { activity: 'datasets/sample/activity.csv', customers: 'datasets/sample/customers.csv' };

/** A copy of a spec whose outputs go to `dir` (same file names). */
function into(spec: RunSpec, dir: string): RunSpec {
  return {
    ...spec,
    analyses: spec.analyses.map((a) => ({
      ...a,
      outputs: a.outputs.map((o) => ({ ...o, ...(o.file ? { file: path.join(dir, path.basename(o.file)) } : {}) })),
    })) as RunSpec['analyses'],
  };
}

function writeSpec(spec: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-run-'));
  const file = path.join(dir, 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

/** Every input path of a spec. */
function inputsOf(spec: RunSpec): string[] {
  return [spec.input, ...spec.analyses.map((a) => a.input)].flatMap((i) => (i ? [i.activity, i.customers] : [])).filter((f): f is string => !!f);
}

describe('kohort run: the examples', () => {
  it.each(EXAMPLES)('examples/%s is a valid spec', async (name) => {
    const spec = JSON.parse(readFileSync(path.join(ROOT, 'examples', name), 'utf8'));
    await expect(validateRunSpec(spec)).resolves.toBeTruthy();
  });

  it.each(EXAMPLES)('examples/%s runs and writes every output it names', async (name) => {
    const spec = JSON.parse(readFileSync(path.join(ROOT, 'examples', name), 'utf8')) as RunSpec;
    const missing = inputsOf(spec).filter((f) => !existsSync(path.join(ROOT, f)));
    if (missing.length) {
      console.warn(`skipping examples/${name}: ${missing.join(', ')} absent (public data sets live beside the repo)`);
      return;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-example-'));
    const r = await runCli(['run', writeSpec(into(spec, dir)), '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const a of spec.analyses) {
      for (const o of a.outputs) {
        const bytes = readFileSync(path.join(dir, path.basename(o.file!)));
        expect(bytes.length, o.file).toBeGreaterThan(0);
        if (o.format === 'arrow' || o.format === 'arrow-stream') expect(tableFromIPC(bytes).numRows).toBeGreaterThan(0);
        if (o.format === 'parquet') expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
      }
    }
  }, 300_000);
});

describe('kohort run: reproducible', () => {
  it('the same spec twice gives byte-identical Parquet, Arrow, Arrow stream, CSV and JSON', async () => {
    const analyses = (['parquet', 'arrow', 'arrow-stream', 'csv', 'json'] as const).map((format) => format);
    const spec = (dir: string): RunSpec => ({
      input: SAMPLE,
      tz: 'Europe/Berlin',
      analyses: [
        { kind: 'matrix', cohort: ['month', 'channel'], outputs: analyses.map((format) => ({ format, table: format === 'json' ? undefined : 'tidy', file: path.join(dir, `m.${format}`) })) },
        { kind: 'crr', by: ['plan'], period: 'quarter', outputs: analyses.map((format) => ({ format, file: path.join(dir, `c.${format}`) })) },
        { kind: 'survival', by: ['channel'], outputs: analyses.map((format) => ({ format, file: path.join(dir, `s.${format}`) })) },
      ],
    });
    const a = mkdtempSync(path.join(tmpdir(), 'kohort-twice-'));
    const b = mkdtempSync(path.join(tmpdir(), 'kohort-twice-'));
    // The same spec text each time: outputs differ only by directory, not in the files' bytes.
    expect((await runCli(['run', writeSpec(spec(a)), '-q'])).code).toBe(0);
    await new Promise((r) => setTimeout(r, 1100)); // a clock in the bytes would show
    expect((await runCli(['run', writeSpec(spec(b)), '-q'])).code).toBe(0);
    const files = readdirSync(a).sort();
    expect(files).toHaveLength(15);
    for (const f of files) expect(readFileSync(path.join(b, f)).equals(readFileSync(path.join(a, f))), f).toBe(true);
  }, 60_000);
});

describe('kohort run: errors', () => {
  const base = { input: SAMPLE, analyses: [{ kind: 'matrix', outputs: [{ format: 'csv' }] }] };
  const run = async (spec: unknown) => runCli(['run', writeSpec(spec), '-q']);

  it('names an unknown key, where it is, and the key it is likely a typo of', async () => {
    const r = await run({ ...base, analyses: [{ kind: 'matrix', cohrot: ['month'], outputs: [{ format: 'csv' }] }] });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/spec\.json: analyses\[0\]: unknown key "cohrot"; did you mean "cohort"\?/);
    const r2 = await run({ ...base, analyses: [{ kind: 'survival', outputs: [{ fromat: 'csv' }] }] });
    expect(r2.stderr).toMatch(/analyses\[0\]\.outputs\[0\]: unknown key "fromat"; did you mean "format"\?/);
    const r3 = await run({ ...base, inputs: SAMPLE });
    expect(r3.stderr).toMatch(/\(the spec\): unknown key "inputs"; did you mean "input"\?/);
    const r4 = await run({ ...base, input: { ...SAMPLE, zzz: 1 } });
    expect(r4.stderr).toMatch(/input: unknown key "zzz"\n/);
  });

  it('names a bad value, a missing key and an unknown kind', async () => {
    const r = await run({ ...base, analyses: [{ kind: 'matrix', period: 'fortnight', outputs: [{ format: 'csv' }] }] });
    expect(r.stderr).toMatch(/analyses\[0\]\.period: must be one of "day", "week", "month", "quarter", "year"/);
    const r2 = await run({ ...base, analyses: [{ kind: 'matrix' }] });
    expect(r2.stderr).toMatch(/analyses\[0\]: missing key "outputs"/);
    const r3 = await run({ ...base, analyses: [{ kind: 'retention', outputs: [] }] });
    expect(r3.stderr).toMatch(/analyses\[0\]\.kind: must be one of "matrix", "survival", "crr"/);
    const r4 = await run({ ...base, analyses: [{ kind: 'crr', outputs: [{ format: 'csv', table: 'tidy' }] }] });
    expect(r4.stderr).toMatch(/analyses\[0\]\.outputs\[0\]\.table: must be "crr"/);
  });

  it('refuses two outputs to stdout, an output over an input, binary to a terminal, and text that is not JSON', async () => {
    const two = await run({ ...base, analyses: [{ kind: 'matrix', outputs: [{ format: 'csv' }, { format: 'json' }] }] });
    expect(two.stderr).toMatch(/spec\.json: more than one output has no "file": only one output may go to standard output/);
    const twice = await run({ ...base, analyses: [{ kind: 'matrix', outputs: [{ format: 'csv', file: 'x/m.csv' }] }, { kind: 'crr', outputs: [{ format: 'csv', file: './x/m.csv' }] }] });
    expect(twice.stderr).toMatch(/two outputs write "\.\/x\/m\.csv"/);
    const over = await run({ ...base, analyses: [{ kind: 'matrix', outputs: [{ format: 'csv', file: SAMPLE.activity }] }] });
    expect(over.stderr).toMatch(/the output "datasets\/sample\/activity.csv" is an input of the run/);
    expect(readFileSync(SAMPLE.activity, 'utf8').startsWith('customer_id,event_time')).toBe(true);
    const tty = await runCli(['run', writeSpec({ ...base, analyses: [{ kind: 'matrix', outputs: [{ format: 'parquet' }] }] })], { tty: true });
    expect(tty.stderr).toMatch(/binary/);
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-bad-'));
    writeFileSync(path.join(dir, 'bad.json'), '{"analyses": [}');
    const bad = await runCli(['run', path.join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.json: not a JSON spec/);
  });

  it('refuses a rejects file over an input, an output over a later analysis\' input, and a rejects file that is an output', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-guard-'));
    const events = path.join(dir, 'events.csv');
    const text = 'id,time\na,2024-01-05\nb,2024-02-01\nc,not a time\n';
    writeFileSync(events, text);
    const one = { input: { activity: events }, maxRejects: '50%' };
    const rejectsOver = await run({ analyses: [{ kind: 'matrix', ...one, rejects: events, outputs: [{ format: 'csv' }] }] });
    expect(rejectsOver.stderr).toMatch(/the output ".*events\.csv" is an input of the run/);
    expect(rejectsOver.code).toBe(2);
    const chained = await run({
      analyses: [
        { kind: 'matrix', input: { activity: path.join(dir, 'other.csv') }, outputs: [{ format: 'csv', file: events }] },
        { kind: 'matrix', ...one, outputs: [{ format: 'csv' }] },
      ],
    });
    expect(chained.stderr).toMatch(/the output ".*events\.csv" is an input of the run/);
    expect(readFileSync(events, 'utf8')).toBe(text);
    const same = path.join(dir, 'r.csv');
    const both = await run({ analyses: [{ kind: 'matrix', ...one, rejects: same, outputs: [{ format: 'csv', file: same }] }] });
    expect(both.stderr).toMatch(/two outputs write ".*r\.csv"/);
    expect(existsSync(same)).toBe(false);
    const cli = await runCli(['matrix', events, '--max-rejects', '50%', '--rejects', same, '--out', same]);
    expect(cli.stderr).toMatch(/two outputs write ".*r\.csv"/);
    expect(existsSync(same)).toBe(false);
  });

  it('takes the top-level input, columns and tz as defaults of each analysis', async () => {
    const r = await run({
      input: SAMPLE, columns: { id: 'customer_id' }, tz: 'Europe/Berlin',
      analyses: [{ kind: 'crr', period: 'year', outputs: [{ format: 'csv' }] }],
    });
    expect(r.code).toBe(0);
    const direct = await runCli(['crr', SAMPLE.customers, '--activity', SAMPLE.activity, '--id', 'customer_id', '--tz', 'Europe/Berlin', '--period', 'year', '-q']);
    expect(r.stdout).toBe(direct.stdout);
  });
});

describe('kohort schema', () => {
  it('prints the JSON Schema of spec files', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(RUN_SPEC_SCHEMA);
    expect(JSON.parse(r.stdout).$defs.MatrixAnalysis.additionalProperties).toBe(false);
  });
});

describe('--print-spec', () => {
  const commands: [string, string[]][] = [
    ['matrix parquet (Berlin, channel cohorts)', ['matrix', SAMPLE.activity, '--customers', SAMPLE.customers, '--cohort', 'month,channel', '--tz', 'Europe/Berlin', '--format', 'parquet']],
    ['matrix tidy-csv with filters', ['matrix', SAMPLE.activity, '--customers', SAMPLE.customers, '--where', 'plan != basic', '--mode', 'unbounded', '--period', 'quarter', '--format', 'tidy-csv']],
    ['matrix arrow revenue', ['matrix', SAMPLE.activity, '--amount', 'amount', '--mode', 'revenue', '--as-of', '2023-01-01', '--partial', '--format', 'arrow']],
    ['survival arrow-stream --no-curve', ['survival', SAMPLE.customers, '--by', 'channel,plan', '--unit', 'weeks', '--no-curve', '--format', 'arrow-stream']],
    ['survival json', ['survival', SAMPLE.customers, '--by', 'onboarding', '--format', 'json']],
    ['crr parquet', ['crr', SAMPLE.customers, '--by', 'plan', '--period', 'quarter', '--format', 'parquet']],
    ['crr inactivity csv', ['crr', SAMPLE.activity, '--inactive-after', '60d', '--format', 'csv']],
    ['reasons parquet (Berlin, by plan)', ['reasons', SAMPLE.customers, '--churn', 'churned_at', '--reason', 'churn_reason', '--by', 'plan', '--tz', 'Europe/Berlin', '--format', 'parquet']],
    ['reasons tidy-csv', ['reasons', SAMPLE.customers, '--churn', 'churned_at', '--reason', 'churn_reason', '--cohort', 'quarter', '--format', 'tidy-csv']],
    ['value arrow', ['value', SAMPLE.customers, '--churn', 'churned_at', '--value', 'monthly_price', '--by', 'channel', '--format', 'arrow']],
    ['value csv (wide)', ['value', SAMPLE.customers, '--churn', 'churned_at', '--value', 'monthly_price', '--format', 'csv']],
    ['matrix html', ['matrix', SAMPLE.activity, '--customers', SAMPLE.customers, '--cohort', 'quarter', '--format', 'html']],
    ['compare json (referral vs organic)', ['compare', SAMPLE.activity, '--customers', SAMPLE.customers, '--by', 'channel', '--groups', 'referral,organic', '--reference', 'organic', '--churn', 'churned_at', '--format', 'json']],
    ['compare csv (wide)', ['compare', SAMPLE.activity, '--customers', SAMPLE.customers, '--by', 'channel', '--groups', 'referral,organic', '--reference', 'organic', '--churn', 'churned_at', '--format', 'csv']],
    ['compare tidy-csv (Berlin, weeks, bh)', ['compare', SAMPLE.activity, '--customers', SAMPLE.customers, '--by', 'channel', '--adjust', 'bh', '--period', 'week', '--max-offset', '8', '--tz', 'Europe/Berlin', '--format', 'tidy-csv']],
    ['compare parquet (revenue)', ['compare', SAMPLE.activity, '--customers', SAMPLE.customers, '--by', 'channel', '--amount', 'amount', '--churn', 'churned_at', '--format', 'parquet']],
    ['feedback arrow-stream', ['feedback', 'test/fixtures/feedback/survey.csv', '--id', 'id', '--by', 'segment', '--nps', 'nps', '--csat', 'csat', '--ces', 'ces', '--format', 'arrow-stream']],
  ];

  it.each(commands)('%s: kohort run of the printed spec gives byte-identical output', async (_, args) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-print-'));
    const out = path.join(dir, 'out.bin');
    const direct = await runCli([...args, '--out', out, '-q']);
    expect(direct.stderr).toBe('');
    expect(direct.code).toBe(0);
    const first = readFileSync(out);
    const printed = await runCli([...args, '--out', out, '--print-spec']);
    expect(printed.code).toBe(0);
    const spec = JSON.parse(printed.stdout);
    await expect(validateRunSpec(spec)).resolves.toBeTruthy();
    writeFileSync(path.join(dir, 'spec.json'), printed.stdout);
    const replay = await runCli(['run', path.join(dir, 'spec.json'), '-q']);
    expect(replay.stderr).toBe('');
    expect(readFileSync(out).equals(first)).toBe(true);
  }, 60_000);

  it('to stdout too: the printed spec without --out replays to the same stdout bytes', async () => {
    const args = ['matrix', SAMPLE.activity, '--format', 'arrow-stream', '--period', 'week', '--cohort', 'week', '--max-offset', '8'];
    const direct = await runCli([...args, '-q']);
    const printed = await runCli([...args, '--print-spec']);
    expect(JSON.parse(printed.stdout).analyses[0].outputs).toEqual([{ format: 'arrow-stream' }]);
    const replay = await runCli(['run', writeSpec(JSON.parse(printed.stdout)), '-q']);
    expect(Buffer.from(replay.stdoutBytes).equals(Buffer.from(direct.stdoutBytes))).toBe(true);
  });

  it('report html: kohort run of the printed spec writes the byte-identical page, title included', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-print-report-'));
    const out = path.join(dir, 'report.html');
    const args = ['report', SAMPLE.activity, '--customers', SAMPLE.customers, '--by', 'channel', '--modes', 'classic,survival', '--reason', 'churn_reason', '--title', 'Sample <retention>', '--tz', 'Europe/Berlin', '--out', out];
    const direct = await runCli([...args, '-q']);
    expect(direct.code).toBe(0);
    const first = readFileSync(out);
    expect(first.toString()).toContain('Sample &lt;retention&gt;');
    const printed = await runCli([...args, '--print-spec']);
    expect(printed.code).toBe(0);
    expect(printed.stderr).toBe('');
    const spec = JSON.parse(printed.stdout);
    expect(spec.analyses[0]).toMatchObject({ kind: 'report', by: ['channel'], modes: ['classic', 'survival'], outputs: [{ format: 'html', title: 'Sample <retention>', file: out }] });
    await expect(validateRunSpec(spec)).resolves.toBeTruthy();
    writeFileSync(path.join(dir, 'spec.json'), printed.stdout);
    const replay = await runCli(['run', path.join(dir, 'spec.json'), '-q']);
    expect(replay.stderr).toBe('');
    expect(replay.code).toBe(0);
    expect(readFileSync(out).equals(first)).toBe(true);
  }, 60_000);

  it('compare to stdout: the printed spec replays to the same stdout bytes', async () => {
    const args = ['compare', SAMPLE.activity, '--customers', SAMPLE.customers, '--by', 'channel', '--groups', 'referral,organic', '--reference', 'organic', '--churn', 'churned_at', '--format', 'csv'];
    const direct = await runCli([...args, '-q']);
    expect(direct.code).toBe(0);
    const printed = await runCli([...args, '--print-spec']);
    expect(JSON.parse(printed.stdout).analyses[0]).toMatchObject({ kind: 'compare', by: 'channel', groups: ['referral', 'organic'], reference: 'organic', outputs: [{ format: 'csv' }] });
    const replay = await runCli(['run', writeSpec(JSON.parse(printed.stdout)), '-q']);
    expect(replay.stderr).toBe('');
    expect(Buffer.from(replay.stdoutBytes).toString()).toBe(Buffer.from(direct.stdoutBytes).toString());
  });
});

describe('kohort run: a failing analysis', () => {
  it('names the spec file and the analysis, and no output of the run is written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-fail-'));
    const spec = {
      input: SAMPLE,
      analyses: [
        { kind: 'matrix', outputs: [{ format: 'csv', file: path.join(dir, 'first.csv') }] },
        { kind: 'crr', name: 'broken', columns: { churn: 'no_such_column' }, outputs: [{ format: 'csv', file: path.join(dir, 'second.csv') }] },
      ],
    };
    const file = writeSpec(spec);
    const r = await runCli(['run', file, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(`kohort: ${file}: analyses[1] (broken): `), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/no_such_column/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('kohort run: messages in the words of the spec', () => {
  it('names spec fields, not flags, in errors and reports', async () => {
    const bad = await runCli(['run', writeSpec({ input: SAMPLE, analyses: [{ kind: 'matrix', asOf: 'soon', outputs: [{ format: 'csv' }] }] })]);
    expect(bad.stderr).toMatch(/analyses\[0\]: asOf "soon" is not a date/);
    const ok = await runCli(['run', writeSpec({ input: SAMPLE, asOf: '2023-01-01', analyses: [{ kind: 'matrix', outputs: [{ format: 'csv' }] }] })]);
    expect(ok.stderr).toMatch(/after asOf/);
    expect(ok.stderr).not.toMatch(/--as-of/);
  });
});

describe('kohort run --check', () => {
  it('checks the spec and its columns against the inputs\' headers, computing and writing nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-check-'));
    const ok = await runCli(['run', '--check', writeSpec({ input: SAMPLE, analyses: [{ kind: 'matrix', cohort: ['month', 'channel'], outputs: [{ format: 'parquet', file: path.join(dir, 'm.parquet') }] }] })]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/spec\.json: ok, 1 analysis and 1 output\n/);
    expect(readdirSync(dir)).toEqual([]);
    const bad = await runCli(['run', '--check', writeSpec({ input: SAMPLE, analyses: [{ kind: 'survival', by: ['chanel'], outputs: [{ format: 'csv' }] }] })]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/analyses\[0\]: .*"chanel"/);
  });

  it('fails on an input that is not there, even one whose columns are read only when run (NDJSON, Arrow)', async () => {
    for (const activity of ['nowhere/events.csv', 'nowhere/events.ndjson', 'nowhere/events.arrow']) {
      const r = await runCli(['run', '--check', writeSpec({ input: { activity }, analyses: [{ kind: 'matrix', outputs: [{ format: 'csv' }] }] })]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${activity}: cannot read the file (no such file); paths in a spec are relative to the directory kohort runs in (${process.cwd()})`);
    }
  });

  it('says when a relative input is in the spec\'s folder rather than where kohort runs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kohort-rel-'));
    writeFileSync(path.join(dir, 'events.csv'), 'id,time\na,2024-01-05\n');
    const spec = path.join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ input: { activity: 'events.csv' }, analyses: [{ kind: 'matrix', outputs: [{ format: 'csv' }] }] }));
    const r = await runCli(['run', spec, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`not to the spec's folder, which has it: run kohort from ${dir}`);
  });
});

describe('kohort run: analyses of the same files share one load', () => {
  it.each(EXAMPLES.filter((n) => n.startsWith('sample-')))('%s: each output is the bytes of its analysis run alone', async (name) => {
    const spec = JSON.parse(readFileSync(path.join(ROOT, 'examples', name), 'utf8')) as RunSpec;
    const all = mkdtempSync(path.join(tmpdir(), 'kohort-shared-'));
    expect((await runCli(['run', writeSpec(into(spec, all)), '-q'])).code).toBe(0);
    for (const a of spec.analyses) {
      const alone = mkdtempSync(path.join(tmpdir(), 'kohort-alone-'));
      const r = await runCli(['run', writeSpec(into({ ...spec, analyses: [a] } as RunSpec, alone)), '-q']);
      expect(r.stderr).toBe('');
      for (const o of a.outputs) {
        const f = path.basename(o.file!);
        expect(readFileSync(path.join(alone, f)).equals(readFileSync(path.join(all, f))), f).toBe(true);
      }
    }
  }, 300_000);
});
