import { describe, expect, it } from 'vitest';
import { refuseNeverTimes } from '../../../../src/engine/memory/prepare/refuse-never-times.js';
import { parseTimeColumn } from '../../../../src/load/times/parse-time-column.js';
import { timeZone } from '../../../../src/time/zone.js';
import { thrown } from '../../../thrown.js';

const utc = timeZone('UTC');
const newYork = timeZone('America/New_York');

describe('refuseNeverTimes', () => {
  it('refuseNeverTimes refuses a YYYYMMDD 99991231 activity time, naming the file, row and column and quoting the value', () => {
    const raw = Float64Array.of(20230105, 99991231, 20230205);
    const times = parseTimeColumn(raw, 'number', { zone: utc });
    const err = thrown(() => refuseNeverTimes(times, raw, 'number', { file: 'events.csv', column: 't', role: 'activity' }, utc));
    expect(err).toMatchObject({ code: 'neverTime', file: 'events.csv', row: 2, column: 't' });
    expect(err.message).toMatch(/^events\.csv, row 2, column "t": "99991231" is a date in the year 9999, .* as an activity time/);
  });

  it('refuseNeverTimes quotes a typed time as the date it names, and a text as written', () => {
    const wall = Float64Array.of(Date.UTC(2023, 0, 1), Date.UTC(9999, 11, 31));
    const err = thrown(() => refuseNeverTimes({ ms: wall, bad: 0, badRows: [], missing: 0, max: wall[1] }, wall, 'wallclock', { file: 'c.csv', column: 'signup', role: 'signup' }, utc));
    expect(err.message).toMatch(/column "signup": "9999-12-31" is a date in the year 9999, .* as a signup/);
    const text = ['2023-01-01', '9999-12-31 23:59:59'];
    const parsed = parseTimeColumn(text, 'string', { zone: newYork });
    expect(thrown(() => refuseNeverTimes(parsed, text, 'string', { file: 'c.csv', column: 's', role: 'signup' }, newYork)).message).toContain('"9999-12-31 23:59:59"');
  });

  it('refuseNeverTimes lets every time before the year 9999 of the zone pass', () => {
    const raw = ['2023-01-01', '9998-12-31 23:00:00'];
    expect(() => refuseNeverTimes(parseTimeColumn(raw, 'string', { zone: utc }), raw, 'string', { file: 'a.csv', column: 't', role: 'activity' }, utc)).not.toThrow();
  });
});
