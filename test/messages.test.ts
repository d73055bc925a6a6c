import { describe, expect, it } from 'vitest';
import { messageText } from '../src/errors.js';

describe('MESSAGES.filterNotNumber', () => {
  it('says how to write a date a time filter reads, since "1/2/2024" is a date to its writer', () => {
    const text = messageText('filterNotNumber', { value: '1/2/2024', kind: 'timestamp' }, { file: 'e.csv', column: 'time' });
    expect(text).toBe('e.csv, column "time": where compares a timestamp column with "1/2/2024", which is not a date kohort reads in a filter: write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ');
    expect(messageText('filterNotNumber', { value: 'abc', kind: 'number' })).toBe('where compares a number column with "abc", which is not a number');
  });
});
