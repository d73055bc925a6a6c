import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/program.js';

/** The outcome of one in-process CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stdoutBytes: Uint8Array;
  stderr: string;
}

/** Run `kohort ...args` in-process with captured output. */
export async function runCli(args: string[], opts: { tty?: boolean; stdin?: CliIO['stdin'] } = {}): Promise<CliRun> {
  const out: Uint8Array[] = [];
  let err = '';
  const io: CliIO = {
    stdout: (d) => out.push(typeof d === 'string' ? Buffer.from(d) : d),
    stderr: (t) => {
      err += t;
    },
    stdoutIsTTY: opts.tty ?? false,
    stdin: opts.stdin,
  };
  const code = await main(['node', 'kohort', ...args], io);
  const bytes = Buffer.concat(out);
  return { code, stdout: bytes.toString('utf8'), stdoutBytes: bytes, stderr: err };
}
