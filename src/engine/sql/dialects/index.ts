import type { Dialect, DialectName } from '../dialect.js';
import { bigquery } from './bigquery.js';
import { clickhouse } from './clickhouse.js';
import { duckdb } from './duckdb.js';
import { postgres } from './postgres.js';
import { snowflake } from './snowflake.js';
import { spark } from './spark.js';
import { trino } from './trino.js';

/** Every dialect by name. */
export const DIALECTS: Record<DialectName, Dialect> = { duckdb, postgres, clickhouse, bigquery, snowflake, trino, spark };
