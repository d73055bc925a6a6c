import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FLAGS, cliMessage } from '../../src/cli/flags.js';
import { KohortError } from '../../src/errors.js';
import { normalize } from '../../src/spec/normalize.js';
import { runCli } from './run-cli.js';

// The library names spec fields; the CLI prints the flags that set them.
let file: string;
beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-flags-'));
  file = path.join(dir, 'orders.csv');
  writeFileSync(file, 'customer_id,event_time,qty\na,2024-01-05,1\nb,2024-02-10,2\n');
});

const caught = (f: () => unknown): KohortError => {
  try {
    f();
  } catch (e) {
    return e as KohortError;
  }
  throw new Error('no error');
};

describe('cliMessage(error)', () => {
  const act = { activity: { file: 'o.csv', columns: ['customer_id', 'event_time'] } };
  it.each([
    [{ mode: 'weekly' }, 'mode "weekly" is not one of', '--mode "weekly" is not one of'],
    [{ asOf: 'yesterday' }, 'asOf "yesterday"', '--as-of "yesterday"'],
    [{ maxOffset: -1 }, 'maxOffset expects a whole number', '--max-offset expects a whole number'],
    [{ where: ['Nope = 1'] }, 'no column "Nope" for filter (where)', 'no column "Nope" for filter (--where)'],
    [{ mode: 'ltv' }, 'pass columns.amount <column>', 'pass --amount <column>'],
  ])('words %o with spec fields in the library and flags on the command line', (spec, library, cli) => {
    const e = caught(() => normalize({ input: {}, ...(spec as object) }, act));
    expect(e.message).toContain(library);
    expect(cliMessage(e)).toContain(cli);
  });

  it('maps every field to a flag', () => {
    for (const flag of Object.values(FLAGS)) expect(flag).toMatch(/^(--[a-z-]+|kohort [a-z]+)$/);
  });
});

describe('kohort (errors on the command line)', () => {
  it('names the flags the user typed', async () => {
    const mode = await runCli(['matrix', file, '--mode', 'ltv']);
    expect(mode.code).toBe(2);
    expect(mode.stderr).toContain('cannot tell which column is the amount; pass --amount <column>');
    const where = await runCli(['matrix', file, '--where', 'qty > abc']);
    expect(where.stderr).toContain('--where compares a number column with "abc"');
    const churn = await runCli(['survival', file]);
    // An activity file: the hint is churn from inactivity (issue 12), in the flag's words.
    expect(churn.stderr).toContain('infer churn from inactivity with --inactive-after 90d (or pass --customers <file> --churn <column>)');
    const duration = await runCli(['survival', file, '--duration', 'qty']);
    expect(duration.stderr).toContain('--duration and --event go together');
  });
});
