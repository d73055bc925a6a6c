import { describe, expect, it } from 'vitest';
import { EXIT, main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

const EXAMPLE = new URL('../corpus/files/ok.csv', import.meta.url).pathname;

function io(stdout: CliIO['stdout']): { io: CliIO; err: () => string } {
  let err = '';
  return { io: { stdout, stderr: (t) => void (err += t), stdoutIsTTY: false }, err: () => err };
}

describe('main(argv): exit codes', () => {
  it('0 on success', async () => {
    const x = io(() => undefined);
    expect(await main(['node', 'kohort', 'matrix', EXAMPLE, '-q'], x.io)).toBe(EXIT.ok);
  });

  it('2 for bad input or usage, one line', async () => {
    const x = io(() => undefined);
    expect(await main(['node', 'kohort', 'matrix', EXAMPLE, '--tz', 'Nowhere/Land'], x.io)).toBe(EXIT.input);
    expect(x.err().trim().split('\n')).toHaveLength(1);
  });

  it('1 for an internal error, with a line asking for a bug report', async () => {
    const x = io(() => {
      throw new TypeError('the output broke');
    });
    expect(await main(['node', 'kohort', 'matrix', EXAMPLE, '-q'], x.io)).toBe(EXIT.internal);
    expect(x.err()).toMatch(/^kohort: internal error: the output broke\n/);
    expect(x.err().trim().split('\n').at(-1)).toBe(
      'kohort: this is a bug in kohort, not a problem with your input: please report it with the command you ran and the lines above',
    );
  });
});
