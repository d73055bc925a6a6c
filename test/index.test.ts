import { describe, expect, it } from 'vitest';
import * as kohort from '../src/index.js';

describe('src/index.ts', () => {
  it('names the whole pipeline and every stage', () => {
    for (const name of [
      'retention', 'matrix', 'survival', 'crr', 'loadFile', 'normalize', 'plan', 'executeMatrix',
      'tidyTable', 'wideTable', 'toCSV', 'toJSON', 'toArrow', 'createProgram', 'kaplanMeier', 'logRank',
      'compare', 'compareFromTables', 'executeCompare', 'adjustP', 'compareJSON',
    ]) {
      expect(typeof (kohort as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
