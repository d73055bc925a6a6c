import { describe, expect, it } from 'vitest';
import { unionProjections } from '../../src/plan/projection.js';

describe('unionProjections(parts)', () => {
  it('keeps every part\'s columns, text and csvText columns, each once', () => {
    const u = unionProjections([
      { activity: { file: 'a.csv', columns: ['id', 'time'], text: ['id'] } },
      undefined,
      { activity: { file: 'a.csv', columns: ['time', 'amount'], csvText: ['amount'] }, customers: { file: 'c.csv', columns: ['id'], text: ['id'] } },
    ]);
    expect(u).toEqual({
      activity: { file: 'a.csv', columns: ['id', 'time', 'amount'], text: ['id'], csvText: ['amount'] },
      customers: { file: 'c.csv', columns: ['id'], text: ['id'] },
    });
  });

  it('leaves out text and csvText when no part has them', () => {
    expect(unionProjections([{ customers: { file: 'c.csv', columns: ['id'] } }])).toEqual({ customers: { file: 'c.csv', columns: ['id'] } });
  });
});
