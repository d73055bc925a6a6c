/**
 * The capacity for more rows than `capacity` (see CsvReader.grow). Once the first chunk
 * has sized the columns (`estimated`), rows further on may be shorter (customers who
 * never churned): then the rows of the whole file from the bytes read so far (`seen` of
 * `sizeHint`; 2% over, at least 1/16 more), not twice the capacity, which copied 1M
 * customers' columns into room for 1.9M.
 */
export function grownCapacity(capacity: number, rows: number, seen: number, sizeHint: number, estimated: boolean): number {
  const more = estimated && seen > 0 && seen < sizeHint ? Math.ceil(((rows * sizeHint) / seen) * 1.02) : 2 * capacity;
  return Math.max(more, capacity + (capacity >> 4), capacity + 1024);
}
