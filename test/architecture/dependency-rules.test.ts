import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layout's rules live in .dependency-cruiser.cjs; dependency-cruiser checks them.
const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}node_modules/dependency-cruiser/bin/dependency-cruise.mjs`;
const config = `${root}.dependency-cruiser.cjs`;

function depcruise(cwd: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [bin, 'src', '--config', config, '--output-type', 'err'], { cwd, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('depcruise src (.dependency-cruiser.cjs)', () => {
  it('finds no cycle and no import against the flow in src/', () => {
    const r = depcruise(root);
    expect(r.out).toContain('no dependency violations found');
    expect(r.status).toBe(0);
  });

  it('fails on a tree that breaks each rule (test/fixtures/dependency-rules)', () => {
    const r = depcruise(`${root}test/fixtures/dependency-rules`);
    expect(r.status).not.toBe(0);
    for (const rule of ['no-cycles', 'lower-layers-not-up', 'stages-before-the-engine', 'parallel-is-the-floor', 'thin-cli', 'export-not-load', 'time-below-load', 'load-comes-first']) {
      expect(r.out).toContain(`error ${rule}:`);
    }
  });
});
