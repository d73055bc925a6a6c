import type { InputHash } from '../report/input-hash.js';
import { OUTPUT_SCHEMA_VERSION } from '../result/typed/output-schema.js';
import type { TableKind } from '../result/typed/schema/output-types.js';
import { KOHORT_VERSION } from '../version.js';

/** What a run writes into its Arrow and Parquet files beside the rows. */
export interface OutputMetadata {
  /** The analysis spec as run (paths as given; no defaults filled in). */
  spec: unknown;
  /** The as-of instant used (epoch ms), when the analysis has one. */
  asOf?: number;
  /** The content hashes of the inputs (see hashInputs). */
  inputs?: InputHash[];
  /** The spec as resolved for the run: columns detected, defaults filled (the result's spec). */
  resolved?: unknown;
}


/**
 * metadataPairs: the key-value metadata of an output file, in a fixed key order and
 * with no wall-clock time, so the same run gives the same bytes:
 * kohort.version, kohort.schema_version, kohort.table, kohort.as_of (ISO, absent
 * without one), kohort.inputs (JSON: role, file, bytes, sha256 per input),
 * kohort.spec (JSON), kohort.resolved (JSON).
 */
export function metadataPairs(table: TableKind, meta: OutputMetadata): [string, string][] {
  const pairs: [string, string][] = [
    ['kohort.version', KOHORT_VERSION],
    ['kohort.schema_version', String(OUTPUT_SCHEMA_VERSION)],
    ['kohort.table', table],
  ];
  if (meta.asOf !== undefined && Number.isFinite(meta.asOf)) pairs.push(['kohort.as_of', new Date(meta.asOf).toISOString()]);
  if (meta.inputs) pairs.push(['kohort.inputs', JSON.stringify(meta.inputs)]);
  pairs.push(['kohort.spec', JSON.stringify(meta.spec)]);
  if (meta.resolved !== undefined) pairs.push(['kohort.resolved', JSON.stringify(meta.resolved)]);
  return pairs;
}
