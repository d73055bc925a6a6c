import { describe, expect, it, vi } from 'vitest';

const load = vi.hoisted(() => ({ avg: 0 }));
vi.mock('node:os', async (original) => ({
  ...(await original<typeof import('node:os')>()),
  availableParallelism: () => 2,
  loadavg: () => [load.avg, 0, 0],
}));
const { backgroundHoldPays } = await import('../../src/parallel/background-gate.js');

describe('backgroundHoldPays()', () => {
  it('holds background work back on a machine this process has to itself, not on a busy one', () => {
    for (const [avg, pays] of [[0, true], [1.9, true], [2.4, true], [2.5, false], [10.7, false]] as const) {
      load.avg = avg;
      expect(backgroundHoldPays()).toBe(pays);
    }
  });
});
