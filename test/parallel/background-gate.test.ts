import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { backgroundGate, holdBackground, releaseBackground, waitAtGate } from '../../src/parallel/background-gate.js';

describe('holdBackground() / releaseBackground(hold) / waitAtGate(gate, budget)', () => {
  it('counts overlapping holds, each released once however often it is released', () => {
    const gate = backgroundGate();
    expect(Atomics.load(gate, 0)).toBe(0);
    const a = holdBackground();
    const b = holdBackground();
    expect(Atomics.load(gate, 0)).toBe(2);
    releaseBackground(a);
    releaseBackground(a);
    expect(Atomics.load(gate, 0)).toBe(1);
    releaseBackground(b);
    expect(Atomics.load(gate, 0)).toBe(0);
  });

  it('returns at once when the gate is open, and spends its budget (never more than it) when held', () => {
    const gate = backgroundGate();
    const open = { ms: 1000 };
    waitAtGate(gate, open);
    expect(open.ms).toBe(1000);
    const hold = holdBackground();
    try {
      const budget = { ms: 30 };
      waitAtGate(gate, budget);
      expect(budget.ms).toBeLessThanOrEqual(0);
      const none = { ms: 0 };
      waitAtGate(gate, none);
      expect(none.ms).toBe(0);
    } finally {
      releaseBackground(hold);
    }
  });

  // Worker threads run compiled JavaScript: the build in dist/.
  const built = new URL('../../dist/parallel/background-gate.js', import.meta.url);
  it.skipIf(!existsSync(fileURLToPath(built)))('is released by another thread the hold was sent to, once for both threads', async () => {
    const hold = holdBackground();
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       import(workerData.url).then((m) => { m.releaseBackground(workerData.hold); parentPort.postMessage('done'); });`,
      { eval: true, workerData: { hold, url: built.href } },
    );
    await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();
    expect(Atomics.load(backgroundGate(), 0)).toBe(0);
    releaseBackground(hold);
    expect(Atomics.load(backgroundGate(), 0)).toBe(0);
  });
});
