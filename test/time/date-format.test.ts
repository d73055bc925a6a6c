import { describe, expect, it } from 'vitest';
import { DATE_FORMATS, resolveDateFormat } from '../../src/time/date-format.js';
import { thrown } from '../thrown.js';

describe('resolveDateFormat(value)', () => {
  it('resolveDateFormat accepts every format, case-insensitively', () => {
    for (const f of DATE_FORMATS) {
      expect(resolveDateFormat(f)).toBe(f);
      expect(resolveDateFormat(f.toLowerCase())).toBe(f);
    }
  });

  it('resolveDateFormat throws unknownDateFormat listing the allowed formats', () => {
    const e = thrown(() => resolveDateFormat('YYYY.MM.DD'));
    expect(e.code).toBe('unknownDateFormat');
    expect(e.message).toContain('"DD.MM.YYYY"');
  });
});
