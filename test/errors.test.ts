import { describe, expect, it } from 'vitest';
import { systemErrorReason } from '../src/errors.js';
import { runCli } from './cli/run-cli.js';

describe('systemErrorReason(err)', () => {
  it('words the file-system codes a user meets, else the message', () => {
    const coded = (code: string) => Object.assign(new Error(`${code}: raw`), { code });
    expect(systemErrorReason(coded('ENOENT'))).toBe('no such file');
    expect(systemErrorReason(coded('EISDIR'))).toBe('it is a directory');
    expect(systemErrorReason(coded('ENOSPC'))).toBe('no space left on the device');
    expect(systemErrorReason(coded('EPIPE'))).toBe('the reader of the pipe closed it');
    expect(systemErrorReason(coded('EWHATEVER'))).toBe('EWHATEVER: raw');
    expect(systemErrorReason('text')).toBe('text');
  });

  it('is how the CLI words a missing spec file and an output that is a directory', async () => {
    const spec = await runCli(['run', '/nonexistent/spec.json']);
    expect(spec.stderr).toBe('kohort: /nonexistent/spec.json: cannot read the file (no such file)\n');
    const out = await runCli(['matrix', 'datasets/sample/activity.csv', '--out', 'datasets', '--format', 'csv', '-q']);
    expect(out.stderr).toBe('kohort: datasets: cannot write the output (it is a directory)\n');
  });
});
