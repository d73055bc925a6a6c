import { describe, expect, it } from 'vitest';
import type { SqlConnection } from '../../../src/engine/sql/connection.js';
import { duckdb } from '../../../src/engine/sql/dialects/duckdb.js';
import { describeSources } from '../../../src/engine/sql/execute-matrix-sql.js';

describe('describeSources', () => {
  it('throws a table\'s failure only after the other table\'s describe has settled (the caller then closes the connection)', async () => {
    let running = 0;
    const conn: SqlConnection = {
      dialect: duckdb,
      query: async () => [],
      async describe(source) {
        running++;
        try {
          if (source === 'bad.csv') throw new Error('cannot sniff bad.csv');
          await new Promise((r) => setTimeout(r, 50));
          return { from: source, name: source, types: {} };
        } finally {
          running--;
        }
      },
      close: async () => undefined,
    };
    await expect(describeSources(conn, { activity: 'bad.csv', customers: 'good.csv' })).rejects.toThrow('cannot sniff bad.csv');
    expect(running).toBe(0);
    await expect(describeSources(conn, { activity: 'good.csv', customers: 'bad.csv' })).rejects.toThrow('cannot sniff bad.csv');
    expect(running).toBe(0);
    expect((await describeSources(conn, { activity: 'a.csv' })).activity?.name).toBe('a.csv');
  });
});
