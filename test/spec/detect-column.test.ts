import { describe, expect, it } from 'vitest';
import { detectColumn, lifetimeColumn, resolveRole } from '../../src/spec/detect-column.js';

describe('detectColumn(role, columns)', () => {
  it.each([
    [['InvoiceNo', 'InvoiceDate', 'CustomerID'], 'id', 'CustomerID'],
    [['Invoice', 'Customer ID', 'Price'], 'id', 'Customer ID'],
    [['user_id', 'ts'], 'id', 'user_id'],
    [['customer_id', 'date', 'number_of_cds'], 'time', 'date'],
    [['InvoiceNo', 'InvoiceDate', 'CustomerID'], 'time', 'InvoiceDate'],
    [['customer_id', 'signup_at', 'channel'], 'signup', 'signup_at'],
    [['customer_id', 'churned_at'], 'churn', 'churned_at'],
    [['id', 'dollar_value'], 'amount', 'dollar_value'],
  ] as const)('finds the %s column for %s', (columns, role, expected) => {
    expect(detectColumn(role, columns)).toBe(expected);
  });

  it('finds the id and time of a nested JSON export by the last part of the path, never a bare "id"', () => {
    const cols = ['event', 'properties.time', 'properties.distinct_id', 'order.id'];
    expect(detectColumn('id', cols)).toBe('properties.distinct_id');
    expect(detectColumn('time', cols)).toBe('properties.time');
    expect(detectColumn('id', ['event', 'order.id', 'time'])).toBeUndefined();
    expect(detectColumn('id', ['user.id', 'customer'])).toBe('customer');
  });

  it('returns undefined when nothing matches', () => {
    expect(detectColumn('time', ['a', 'b'])).toBeUndefined();
  });
});

describe('resolveRole(role, given, columns)', () => {
  it('accepts a case-insensitive match of a given name', () => {
    expect(resolveRole('id', 'customerid', ['CustomerID'], { required: true })).toBe('CustomerID');
  });

  it('names the file, the missing column and lists the columns', () => {
    expect(() => resolveRole('time', 'when', ['a', 'b'], { file: 'x.csv', required: true })).toThrow(
      'x.csv, column "when": no column "when" for activity time; the columns are "a", "b"',
    );
  });

  it('asks for the flag when detection fails', () => {
    expect(() => resolveRole('id', undefined, ['a', 'b'], { file: 'x.csv', required: true })).toThrow(
      'x.csv: cannot tell which column is the customer id; pass columns.id <column>. The columns are "a", "b"',
    );
  });

  it('points a file of lifetimes without times (Telco\'s "tenure") to survival with duration, not only to a time column', () => {
    expect(() => resolveRole('time', undefined, ['customerID', 'tenure', 'Churn'], { file: 't.csv', required: true })).toThrow(
      't.csv: cannot tell which column is the activity time; pass columns.time <column>. The columns are "customerID", "tenure", "Churn". ' +
        'If "tenure" holds lifetimes rather than times, survival duration "tenure" event "<column>=<value>" draws their survival curves',
    );
    expect(() => resolveRole('time', undefined, ['id', 'when'], { required: true })).toThrow(/The columns are "id", "when"$/);
  });
});

describe('lifetimeColumn(columns)', () => {
  it('names the first column called like a lifetime, in any case, or none', () => {
    expect(lifetimeColumn(['customerID', 'Tenure Months', 'Churn Duration'])).toBe('Tenure Months');
    expect(lifetimeColumn(['id', 'lifetime_days'])).toBe('lifetime_days');
    expect(lifetimeColumn(['id', 'signup'])).toBeUndefined();
  });
});
