import { describe, expect, it } from 'vitest';
import { KohortError } from '../../src/errors.js';
import { normalizeCrr, periodBound } from '../../src/spec/crr-spec.js';
import { normalizeSurvival } from '../../src/spec/survival-spec.js';
import { daysFromCivil } from '../../src/time/civil.js';
import { timeZone } from '../../src/time/zone.js';

const customers = { file: 'c.csv', columns: ['customer_id', 'signup_at', 'churned_at', 'channel', 'Plan'] };
const activity = { file: 'a.csv', columns: ['customer_id', 'event_time', 'amount', 'country'] };

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as KohortError).code;
  }
  return 'no error';
};

describe('normalizeSurvival', () => {
  it('names the unit of durations given directly from the column name: "Tenure in Months" is in months, "tenure" in tenure units', () => {
    const label = (duration: string): string =>
      normalizeSurvival({ input: {}, duration, event: 'churned' }, { customers: { file: 't.csv', columns: ['id', duration, 'churned'] } }).unitLabel;
    expect(label('Tenure in Months')).toBe('months');
    expect(label('tenure_weeks')).toBe('weeks');
    expect(label('days')).toBe('days');
    expect(label('tenure')).toBe('tenure units');
    expect(label('Monthsary')).toBe('Monthsary units');
  });

  it('fills the defaults and detects the columns', () => {
    const s = normalizeSurvival({ input: {} }, { customers });
    expect(s).toMatchObject({
      customers: { file: 'c.csv', id: 'customer_id', signup: 'signup_at' },
      anchor: 'signup',
      churn: { kind: 'column', column: 'churned_at' },
      by: [],
      unit: 'days',
      ci: 'log-log',
      confLevel: 0.95,
      at: [30, 90, 180, 365],
      test: 'log-rank',
      tz: 'UTC',
      strict: false,
    });
    expect(normalizeSurvival({ input: {}, unit: 'months' }, { customers }).at).toEqual([1, 3, 6, 12]);
  });

  it('sorts and dedupes --at, resolves --by loosely, picks fleming-harrington for --rho alone', () => {
    const s = normalizeSurvival({ input: {}, at: [24, 12, 12], by: ['channel', 'plan'], rho: 1 }, { customers });
    expect(s.at).toEqual([12, 24]);
    expect(s.by).toEqual([{ column: 'channel', table: 'customers' }, { column: 'Plan', table: 'customers' }]);
    expect(s.test).toBe('fleming-harrington');
  });

  it('reads durations given directly and "<column>=<value>" events', () => {
    const telco = { file: 't.csv', columns: ['customerID', 'tenure', 'Churn', 'Contract'] };
    const s = normalizeSurvival({ input: {}, duration: 'tenure', event: 'Churn=Yes', where: ['Contract = Month-to-month'] }, { customers: telco });
    expect(s.churn).toEqual({ kind: 'duration', duration: 'tenure', event: { column: 'Churn', value: 'Yes' } });
    expect(s.customers).toEqual({ file: 't.csv', id: 'customerID' });
    expect(s.anchor).toBe('none');
    expect(s.filters).toEqual([{ column: 'Contract', op: '=', value: 'Month-to-month', table: 'customers' }]);
  });

  it('infers churn from activity with --inactive-after (filters on activity first)', () => {
    const s = normalizeSurvival({ input: {}, inactiveAfter: '12w', where: ['country = UK'] }, { activity });
    expect(s.churn).toEqual({ kind: 'inactivity', days: 84 });
    expect(s.anchor).toBe('first-activity');
    expect(s.filters[0].table).toBe('activity');
  });

  it('fails with a catalogued error for each bad option', () => {
    expect(code(() => normalizeSurvival({ input: {}, unit: 'years' as 'days' }, { customers }))).toBe('unknownOption');
    expect(code(() => normalizeSurvival({ input: {}, ci: 'wide' as 'log' }, { customers }))).toBe('unknownOption');
    expect(code(() => normalizeSurvival({ input: {}, confLevel: 1 }, { customers }))).toBe('badConfLevel');
    expect(code(() => normalizeSurvival({ input: {}, at: [-1] }, { customers }))).toBe('badNonNegative');
    expect(code(() => normalizeSurvival({ input: {}, q: -1 }, { customers }))).toBe('badNonNegative');
    expect(code(() => normalizeSurvival({ input: {}, duration: 'x' }, { customers }))).toBe('durationNeedsEvent');
    expect(code(() => normalizeSurvival({ input: {}, inactiveAfter: '90d' }, { customers }))).toBe('inactivityNeedsActivity');
    expect(code(() => normalizeSurvival({ input: {} }, { activity }))).toBe('needsChurn');
    expect(code(() => normalizeSurvival({ input: {} }, { customers: { file: 'c.csv', columns: ['customer_id', 'signup_at'] } }))).toBe('undetectedColumn');
    expect(code(() => normalizeSurvival({ input: {}, by: ['nope'] }, { customers }))).toBe('missingColumn');
    expect(code(() => normalizeSurvival({ input: {} }, {}))).toBe('noInput');
  });
});

describe('normalizeCrr and periodBound', () => {
  const utc = timeZone('UTC');
  it('reads labels and dates as the first or last local day', () => {
    expect(periodBound('--from', '2024-03', utc, 'first')).toBe(daysFromCivil(2024, 3, 1));
    expect(periodBound('--to', '2024-03', utc, 'last')).toBe(daysFromCivil(2024, 3, 31));
    expect(periodBound('--to', '2024-Q4', utc, 'last')).toBe(daysFromCivil(2024, 12, 31));
    expect(periodBound('--from', '2024q2', utc, 'first')).toBe(daysFromCivil(2024, 4, 1));
    expect(periodBound('--to', '2023', utc, 'last')).toBe(daysFromCivil(2023, 12, 31));
    expect(periodBound('--from', '2024-02-29', utc, 'first')).toBe(daysFromCivil(2024, 2, 29));
    expect(periodBound('--from', '2024-03-01T02:00', timeZone('America/New_York'), 'first')).toBe(daysFromCivil(2024, 3, 1));
    expect(code(() => periodBound('--from', 'March', utc, 'first'))).toBe('badPeriodBound');
  });

  it('fills the defaults and refuses durations given directly', () => {
    const s = normalizeCrr({ input: {}, from: '2024-01' }, { customers });
    expect(s).toMatchObject({ period: 'month', weekStart: 'monday', fromDay: daysFromCivil(2024, 1, 1), toDay: undefined });
    expect(code(() => normalizeCrr({ input: {}, duration: 'tenure', event: 'Churn' }, { customers }))).toBe('crrNeedsDates');
    expect(code(() => normalizeCrr({ input: {}, period: 'decade' as 'year' }, { customers }))).toBe('unknownOption');
  });
});

describe('normalizeSurvival and normalizeCrr on a customers file without any time (Telco, Maven)', () => {
  const telco = { customers: { file: 't.csv', columns: ['customerID', 'tenure', 'Contract', 'Churn'] } };
  const error = (f: () => unknown): KohortError => {
    try {
      f();
    } catch (e) {
      return e as KohortError;
    }
    throw new Error('no error');
  };

  it('survival points to --duration and --event with the columns that look like them, not to --signup alone', () => {
    const e = error(() => normalizeSurvival({ input: {} }, telco));
    expect(e.code).toBe('datelessCustomers');
    expect(e.file).toBe('t.csv');
    expect(e.message).toContain('duration <column> event "<column>=<value>" (here perhaps "tenure" and "Churn")');
  });

  it('crr says it needs signup and churn times and names survival for a file of lifetimes', () => {
    const e = error(() => normalizeCrr({ input: {} }, telco));
    expect(e.code).toBe('datelessCustomers');
    expect(e.message).toMatch(/counts customers per period from their signup and churn times.*suits survival duration/);
  });

  it('a file with a time column keeps the inactivity hint; a given --signup keeps the column errors', () => {
    expect(code(() => normalizeSurvival({ input: {} }, { customers: { file: 'o.csv', columns: ['id', 'time'] } }))).toBe('activityNeedsInactivity');
    expect(code(() => normalizeSurvival({ input: {}, columns: { signup: 'tenure' } }, telco))).toBe('undetectedColumn');
  });
});

describe('normalizeSurvival with activity and a customers table without a churn column (Olist leads and deals)', () => {
  it('offers inferred churn (--inactive-after) beside the churn column, listing the columns', () => {
    const leads = { file: 'leads.csv', columns: ['mql_id', 'first_contact_date', 'origin'] };
    const deals = { file: 'deals.csv', columns: ['mql_id', 'won_date'] };
    let message = '';
    try {
      normalizeSurvival({ input: {}, columns: { id: 'mql_id', time: 'won_date', signup: 'first_contact_date' } }, { customers: leads, activity: deals });
    } catch (e) {
      message = (e as KohortError).message;
    }
    expect(message).toBe(
      'leads.csv: cannot tell which column is the churn time; pass columns.churn <column>, or infer churn from the activity with inactiveAfter 90d. The columns are "mql_id", "first_contact_date", "origin"',
    );
  });
});
