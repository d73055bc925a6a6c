// How a big Parquet file's work is split between this thread and a worker.
import type { FileMetaData, RowGroup } from 'hyparquet';
import type { FastParquetColumn } from './parquet-columns.js';

/** Who decodes what: this thread `mainCols` over row groups [mainGroups), the worker `workerCols` over [workerGroups), from file row `at`. */
export interface WorkSplit {
  mainCols: FastParquetColumn[];
  mainGroups: [number, number];
  workerCols: FastParquetColumn[];
  workerGroups: [number, number];
  at: number;
}

export function noSplit(fast: FastParquetColumn[], groups: number): WorkSplit {
  return { mainCols: fast, mainGroups: [0, groups], workerCols: [], workerGroups: [groups, groups], at: 0 };
}

/**
 * Split by columns (this thread the dictionary columns, the worker the others, all row
 * groups) when the storage is shared and each side has about half of the work, taking a
 * dictionary column's value as ~3x its bytes (every value is hashed and looked up);
 * otherwise by row groups, this thread taking the first `share` of the bytes (half, or
 * less when it has another file to read: see pendingHere).
 */
export function splitWork(
  fast: FastParquetColumn[],
  groups: FileMetaData['row_groups'],
  groupBytes: number[],
  total: number,
  byColumns: boolean,
  forceColumns: boolean,
  share = 0.5,
): WorkSplit {
  const dictCols = fast.filter((c) => c.out.dict !== undefined);
  const numCols = fast.filter((c) => c.out.dict === undefined);
  if (byColumns && dictCols.length > 0 && numCols.length > 0) {
    const cost = (cols: FastParquetColumn[], weight: number) =>
      weight * groups.reduce((s, g) => s + neededBytes(g.columns, new Set(cols.map((c) => c.name))), 0);
    const d = cost(dictCols, 3);
    const n = cost(numCols, 1);
    if (forceColumns || Math.max(d, n) <= 1.6 * Math.min(d, n)) {
      return { mainCols: dictCols, mainGroups: [0, groups.length], workerCols: numCols, workerGroups: [0, groups.length], at: 0 };
    }
  }
  let acc = 0;
  let split = 0;
  while (split < groups.length && acc + groupBytes[split] / 2 < total * share) acc += groupBytes[split++];
  let at = 0;
  for (let g = 0; g < split; ++g) at += Number(groups[g].num_rows);
  return { mainCols: fast, mainGroups: [0, split], workerCols: fast, workerGroups: [split, groups.length], at };
}

/** Compressed bytes of a row group's chunks of the given columns. */
export function neededBytes(chunks: RowGroup['columns'], names: ReadonlySet<string>): number {
  let n = 0;
  for (const c of chunks) if (c.meta_data && names.has(c.meta_data.path_in_schema[0])) n += Number(c.meta_data.total_compressed_size);
  return n;
}
