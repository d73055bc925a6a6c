import { createRequire } from 'node:module';
import { compressors as packageCompressors, decompressLz4, decompressLz4Raw, decompressZstd } from 'hyparquet-compressors';
import { snappyCompress } from 'hysnappy';
import { describe, expect, it } from 'vitest';
import { codecsReady, compressors, zstdDecoder } from '../../../src/load/parquet/parquet-codecs.js';

const { Encoder } = createRequire(import.meta.url)('@toondepauw/node-zstd') as {
  Encoder: new (level: number) => { encodeSync(data: Buffer): Buffer };
};

/** 1 MB of page-like bytes: runs, counters and noise, so every zstd block kind occurs. */
function pageLike(seed: number): Uint8Array {
  const out = new Uint8Array(1 << 20);
  let s = seed;
  for (let i = 0; i < out.length; ++i) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = i % 4096 < 1024 ? 7 : i % 4096 < 3072 ? (i >> 3) & 0xff : s >>> 24;
  }
  return out;
}

describe('compressors.ZSTD', () => {
  it('decodes what libzstd encodes, the same bytes as fzstd (the reference decoder)', async () => {
    await codecsReady();
    expect(['node', 'addon', 'wasm']).toContain(zstdDecoder);
    for (const [seed, level] of [[1, 1], [2, 3], [3, 19]]) {
      const raw = pageLike(seed);
      const frame = new Uint8Array(new Encoder(level).encodeSync(Buffer.from(raw)));
      const got = compressors.ZSTD!(frame, raw.length);
      expect(got.length).toBe(raw.length);
      expect(Buffer.compare(Buffer.from(got), Buffer.from(decompressZstd(frame)))).toBe(0);
      expect(Buffer.compare(Buffer.from(got), Buffer.from(raw))).toBe(0);
    }
  });

  it('throws on a corrupt frame (readParquet reports it as a bad file)', async () => {
    await codecsReady();
    const frame = new Uint8Array(new Encoder(3).encodeSync(Buffer.from(pageLike(4))));
    frame.fill(0xff, 8, 64);
    expect(() => compressors.ZSTD!(frame, 1 << 20)).toThrow();
  });
});

describe('compressors (the decoders taken one module each from hyparquet-compressors)', () => {
  it('SNAPPY decodes as the package\'s snappy, and LZ4 / LZ4_RAW are its decoders', () => {
    for (const seed of [5, 6]) {
      const raw = pageLike(seed).subarray(0, 300_000 + seed);
      const frame = snappyCompress(raw);
      const got = compressors.SNAPPY!(frame, raw.length);
      expect(Buffer.compare(Buffer.from(got), Buffer.from(packageCompressors.SNAPPY!(frame, raw.length)))).toBe(0);
      expect(Buffer.compare(Buffer.from(got), Buffer.from(raw))).toBe(0);
    }
    expect(compressors.LZ4).toBe(decompressLz4);
    expect(compressors.LZ4_RAW).toBe(decompressLz4Raw);
  });
});
