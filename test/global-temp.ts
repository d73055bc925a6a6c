import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * One temporary folder per test run: the tests' and their subprocesses' temp files go
 * under it (TMPDIR), and it is removed when the run ends, so runs leave nothing in /tmp.
 * Traversable by others (0755): the PostgreSQL test server runs as the postgres user.
 */
export default function setup(): () => void {
  const before = process.env.TMPDIR;
  const dir = mkdtempSync(path.join(tmpdir(), 'kohort-test-'));
  chmodSync(dir, 0o755);
  process.env.TMPDIR = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  };
}
