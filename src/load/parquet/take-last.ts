import type { FileMetaData } from 'hyparquet';
import { KohortError } from '../../errors.js';
import { decodeGroups, partOutput, type ChunkSource, type ParquetPart } from './parquet-part.js';
import { claimBack } from './group-claims.js';
import type { FastParquetColumn } from './parquet-columns.js';

/** A row group this thread took back from the worker's part: where it starts, and each column's dictionary or bounds. */
export interface TakenGroup {
  at: number;
  rows: number;
  parts: ParquetPart['columns'];
}

/**
 * Take the worker's last unclaimed row groups one at a time (claimBack) and decode each
 * into the columns' storage, a dictionary column with a dictionary of its own (absorbed
 * after the worker's part, in row order). Returns them in row order.
 */
export async function takeLast(
  claims: Int32Array,
  source: ChunkSource,
  metadata: FileMetaData,
  cols: FastParquetColumn[],
  failed: Set<FastParquetColumn>,
  onBytes: (bytes: number) => void,
): Promise<TakenGroup[]> {
  const groups = metadata.row_groups;
  const starts: number[] = [0];
  for (const g of groups) starts.push(starts[starts.length - 1] + Number(g.num_rows));
  const taken: TakenGroup[] = [];
  for (let g = claimBack(claims); g >= 0; g = claimBack(claims)) {
    const parts: ParquetPart['columns'] = [];
    for (const col of cols) {
      const out = partOutput(col.out);
      if (!failed.has(col)) {
        try {
          await decodeGroups(source, metadata, col.spec, out, g, g + 1, starts[g], onBytes);
        } catch (err) {
          if (err instanceof KohortError) throw err;
          failed.add(col);
        }
      }
      parts.push({ dict: out.dict?.take(), bounds: out.bounds });
    }
    taken.push({ at: starts[g], rows: starts[g + 1] - starts[g], parts });
  }
  return taken.reverse();
}
