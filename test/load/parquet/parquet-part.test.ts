import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { parquetMetadata, parquetSchema } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { ChunkFile, chunkOutput, chunkRange, decodeGroups, decodeParquetPart, groupLayout } from '../../../src/load/parquet/parquet-part.js';
import { claimBack, claimedBack, claimedFront, claimFront, groupClaims, MAX_CLAIM_GROUPS } from '../../../src/load/parquet/group-claims.js';
import { fastColumn } from '../../../src/load/parquet/parquet-pages.js';
import { tempDir } from '../helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe('ChunkFile.read(start, end)', () => {
  it('gives each range of the file, longer and shorter ones in turn, and fails past its end', async () => {
    const path = join(dir, 'bytes.bin');
    const all = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) & 0xff);
    writeFileSync(path, all);
    const file = await ChunkFile.open(path);
    try {
      for (const [start, end] of [[0, 10], [100, 4100], [7, 8], [4000, 5000], [0, 5000], [2500, 2500]]) {
        expect(Array.from(await file.read(start, end))).toEqual(Array.from(all.subarray(start, end)));
      }
      await expect(file.read(4990, 5010)).rejects.toThrow(/past the end/);
    } finally {
      await file.close();
    }
  });
});

describe('ChunkFile.prefetch(start, end)', () => {
  it('reads ahead into the other buffer: the last read stays whole, the next read gives its own range, prefetched or not', async () => {
    const path = join(dir, 'ahead.bin');
    const all = Uint8Array.from({ length: 6000 }, (_, i) => (i * 13 + (i >> 8)) & 0xff);
    writeFileSync(path, all);
    const range = fc.tuple(fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0, max: 3000 })).map(([a, n]) => [a, Math.min(6000, a + n)] as const);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(range, fc.option(range, { nil: undefined })), { minLength: 1, maxLength: 12 }), async (steps) => {
        const file = await ChunkFile.open(path);
        try {
          for (const [[start, end], ahead] of steps) {
            const bytes = await file.read(start, end);
            if (ahead) file.prefetch(ahead[0], ahead[1]);
            // Decoded while the prefetch reads: still this range's bytes.
            await new Promise((r) => setTimeout(r, 1));
            expect(Array.from(bytes)).toEqual(Array.from(all.subarray(start, end)));
          }
        } finally {
          await file.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('fails only the read of a range past the end, not a read of another range after it', async () => {
    const path = join(dir, 'short.bin');
    writeFileSync(path, Uint8Array.from({ length: 100 }, (_, i) => i));
    const file = await ChunkFile.open(path);
    try {
      file.prefetch(90, 120);
      expect(Array.from(await file.read(0, 3))).toEqual([0, 1, 2]);
      file.prefetch(90, 120);
      await expect(file.read(90, 120)).rejects.toThrow(/past the end/);
    } finally {
      await file.close();
    }
  });
});

describe('decodeGroups(source, metadata, col, out, g0, g1, at, onBytes, following)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads each next chunk while it decodes one: the next row group, then `following`', async () => {
    const n = 1000;
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: Array.from({ length: n }, (_, i) => `C${(i * 7919) % 397}`), type: 'STRING' },
        { name: 't', data: Float64Array.from({ length: n }, (_, i) => i * 61), type: 'DOUBLE' },
      ],
      rowGroupSize: 250,
    });
    const path = join(dir, 'ahead.parquet');
    writeFileSync(path, new Uint8Array(bytes));
    const metadata = parquetMetadata(bytes);
    const element = parquetSchema(metadata).children[0].element;
    const spec = fastColumn(element, false)!;
    const prefetch = vi.spyOn(ChunkFile.prototype, 'prefetch');
    const file = await ChunkFile.open(path);
    const out = chunkOutput(spec, n);
    const following = metadata.row_groups[1].columns[1].meta_data!;
    try {
      await decodeGroups({ path, file }, metadata, { name: 'id', chunk: 0, spec }, out, 0, 4, 0, undefined, following);
    } finally {
      await file.close();
    }
    const at = (g: number) => chunkRange(metadata.row_groups[g].columns[0].meta_data!);
    expect(prefetch.mock.calls).toEqual([at(1), at(2), at(3), chunkRange(following)]);
    expect(out.dict!.size).toBe(397);
  });
});

describe('groupClaims, claimFront, claimBack', () => {
  it('give every row group once: the front a run from the start, the back a run from the end, meeting at claimedFront', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_CLAIM_GROUPS - 1 }),
        fc.integer({ min: 0, max: 300 }),
        fc.array(fc.boolean(), { maxLength: 400 }),
        (g0, span, sides) => {
          const g1 = Math.min(MAX_CLAIM_GROUPS - 1, g0 + span);
          const claims = groupClaims(g0, g1);
          const front: number[] = [];
          const back: number[] = [];
          for (const fromFront of sides) {
            const g = fromFront ? claimFront(claims) : claimBack(claims);
            if (g >= 0) (fromFront ? front : back).push(g);
          }
          // Then both sides until none is left.
          for (let g = claimFront(claims); g >= 0; g = claimFront(claims)) front.push(g);
          expect(claimBack(claims)).toBe(-1);
          expect(front).toEqual(Array.from({ length: front.length }, (_, i) => g0 + i));
          expect(back).toEqual(Array.from({ length: back.length }, (_, i) => g1 - 1 - i));
          expect(front.length + back.length).toBe(g1 - g0);
          expect(claimedFront(claims)).toBe(g0 + front.length);
          expect(claimedBack(claims)).toBe(g1 - back.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('groupLayout(metadata, chunks)', () => {
  it('gives a worker what it decodes from: the same part as from the footer, without the statistics', async () => {
    const n = 1000;
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'skip', data: Float64Array.from({ length: n }, (_, i) => i / 3), type: 'DOUBLE' },
        { name: 'id', data: Array.from({ length: n }, (_, i) => `C${(i * 7919) % 397}`), type: 'STRING' },
        { name: 't', data: Array.from({ length: n }, (_, i) => (i % 17 === 0 ? null : BigInt(1_700_000_000_000 + i * 61_000))), type: 'INT64', nullable: true },
      ],
      rowGroupSize: 130,
    });
    const path = join(dir, 'layout.parquet');
    writeFileSync(path, new Uint8Array(bytes));
    const metadata = parquetMetadata(bytes);
    const schema = parquetSchema(metadata).children;
    const columns = [1, 2].map((chunk) => ({ name: schema[chunk].element.name, chunk, spec: fastColumn(schema[chunk].element, false)! }));
    const layout = groupLayout(metadata, [1, 2]);
    expect(layout.row_groups).toHaveLength(metadata.row_groups.length);
    for (const g of layout.row_groups) {
      expect(g.columns[0].meta_data).toBeUndefined();
      expect(g.columns[2].meta_data?.statistics).toBeUndefined();
      expect(g.columns[2].meta_data?.data_page_offset).toBeTypeOf('bigint');
    }
    const job = { path, columns, groupStart: 2, groupEnd: metadata.row_groups.length };
    const fromFooter = await decodeParquetPart(job);
    const fromLayout = await decodeParquetPart({ ...job, layout: structuredClone(layout) });
    expect(fromLayout.rows).toBe(n - 260);
    expect(fromLayout).toEqual(fromFooter);
  });
});

describe('decodeParquetPart with help (the reading thread\'s groups of number columns)', () => {
  it('decodes its claimed part, then the number columns of the last unclaimed helped groups, into the shared storage with their bounds', async () => {
    const n = 1300;
    const t = Array.from({ length: n }, (_, i) => (i % 17 === 0 ? null : BigInt(1_700_000_000_000 + ((i * 7919) % 1000) * 61_000)));
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: Array.from({ length: n }, (_, i) => `C${(i * 7919) % 397}`), type: 'STRING' },
        { name: 't', data: t, type: 'INT64', nullable: true },
      ],
      rowGroupSize: 100,
    });
    const path = join(dir, 'help.parquet');
    writeFileSync(path, new Uint8Array(bytes));
    const metadata = parquetMetadata(bytes);
    const schema = parquetSchema(metadata).children;
    const columns = [0, 1].map((chunk) => ({ name: schema[chunk].element.name, chunk, spec: fastColumn(schema[chunk].element, false)! }));
    const into = [{ i32: new Int32Array(n).fill(-7) }, { f64: new Float64Array(n).fill(-7) }];
    // The reading thread has groups 0-5 and claimed 0-1 already; the worker's part is 6-12.
    const help = groupClaims(0, 6);
    claimFront(help);
    claimFront(help);
    const part = await decodeParquetPart({ path, columns, groupStart: 6, groupEnd: 13, into, at: 600, claims: groupClaims(6, 13), help });
    expect(part.rows).toBe(700);
    // Awaited, the part has drained `help` (one thread, no worker here): groups 5 down to 2
    // were taken from the back, meeting the reading thread's two claims from the front.
    expect([claimedFront(help), claimedBack(help)]).toEqual([2, 2]);
    expect(claimFront(help)).toBe(-1);
    const want = t.map((v) => (v === null ? NaN : Number(v)));
    // Groups 2-5 of the number column and the part's rows: decoded; groups 0-1 left to the reading thread.
    expect(Array.from(into[1].f64!.subarray(200))).toEqual(want.slice(200));
    expect(Array.from(into[1].f64!.subarray(0, 200))).toEqual(new Array(200).fill(-7));
    // The dictionary column only over the part.
    expect(into[0].i32!.subarray(0, 600).every((c) => c === -7)).toBe(true);
    const seen = want.slice(200).filter((v) => !Number.isNaN(v));
    expect(Array.from(part.columns[1].bounds!)).toEqual([Math.min(...seen), Math.max(...seen), 1100 - seen.length, 1100]);
  });
});
