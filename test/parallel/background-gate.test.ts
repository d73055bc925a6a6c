import { describe, expect, it } from 'vitest';
import { backgroundGate, holdBackground, waitAtGate } from '../../src/parallel/background-gate.js';

describe('holdBackground() / waitAtGate(gate, budget)', () => {
  it('counts nested holds, each released once however often its release is called', () => {
    const gate = backgroundGate();
    expect(Atomics.load(gate, 0)).toBe(0);
    const a = holdBackground();
    const b = holdBackground();
    expect(Atomics.load(gate, 0)).toBe(2);
    a();
    a();
    expect(Atomics.load(gate, 0)).toBe(1);
    b();
    expect(Atomics.load(gate, 0)).toBe(0);
  });

  it('returns at once when the gate is open, and spends its budget (never more than it) when held', () => {
    const gate = backgroundGate();
    const open = { ms: 1000 };
    waitAtGate(gate, open);
    expect(open.ms).toBe(1000);
    const release = holdBackground();
    try {
      const budget = { ms: 30 };
      waitAtGate(gate, budget);
      expect(budget.ms).toBeLessThanOrEqual(0);
      const none = { ms: 0 };
      waitAtGate(gate, none);
      expect(none.ms).toBe(0);
    } finally {
      release();
    }
  });
});
