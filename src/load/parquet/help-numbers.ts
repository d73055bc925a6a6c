// The number columns of this thread's row groups, shared with the worker once its own
// part is done (ParquetPartJob.help): on a busy machine the worker is often done first,
// and would wait while this thread still decodes.
import type { FileMetaData } from 'hyparquet';
import { KohortError } from '../../errors.js';
import { decodeGroups, type ChunkSource } from './parquet-part.js';
import { claimFront } from './group-claims.js';
import type { FastParquetColumn } from './parquet-columns.js';

/** The file row where each row group starts (and the row count last). */
function groupStarts(metadata: FileMetaData): number[] {
  const starts = [0];
  for (const g of metadata.row_groups) starts.push(starts[starts.length - 1] + Number(g.num_rows));
  return starts;
}

/**
 * Decode row groups of the number columns `cols` one at a time, claimed from the front
 * of `help` (the worker takes them from the back), or, `redo`, the groups [from, to)
 * whatever was claimed (those of a worker that failed). A column the fast decoder cannot
 * read joins `failed` (read by hyparquet whole later).
 */
export async function decodeNumberGroups(
  source: ChunkSource,
  metadata: FileMetaData,
  cols: readonly FastParquetColumn[],
  failed: Set<FastParquetColumn>,
  next: () => number,
  onBytes: (bytes: number) => void,
): Promise<void> {
  const starts = groupStarts(metadata);
  for (let g = next(); g >= 0; g = next()) {
    for (const col of cols) {
      if (failed.has(col)) continue;
      try {
        await decodeGroups(source, metadata, col.spec, col.out, g, g + 1, starts[g], onBytes);
      } catch (err) {
        if (err instanceof KohortError) throw err;
        failed.add(col);
      }
    }
  }
}

/** This thread's claims of `help`, from the front. */
export const helpFront = (help: Int32Array) => () => claimFront(help);

/** The groups [from, to) in order, whatever was claimed. */
export function groupRange(from: number, to: number): () => number {
  let g = from;
  return () => (g < to ? g++ : -1);
}
