import * as zlib from 'node:zlib';
import type { Compressors } from 'hyparquet';
import { compressors as jsCompressors, decompressZstd } from 'hyparquet-compressors';

type Decompress = (input: Uint8Array, length: number) => Uint8Array;

/** Node's own zstd (Node 22.15+ and 23.8+), when this Node has it. */
const nativeZstd = (zlib as unknown as { zstdDecompressSync?: (b: Uint8Array) => Uint8Array }).zstdDecompressSync;

/** A plain Uint8Array view of a Buffer (keeps the decoders' byte loops monomorphic). */
const plain = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.length);

/**
 * The Parquet codecs: Node's native zlib for gzip, brotli and (where Node has it)
 * zstd; otherwise hyparquet-compressors (fzstd in JavaScript, snappy in WebAssembly,
 * lz4 in JavaScript). fzstd is not given the output buffer: it is much slower so.
 */
export const compressors: Compressors = {
  ...jsCompressors,
  ZSTD: (nativeZstd
    ? (input) => plain(nativeZstd(input))
    : (input) => decompressZstd(input)) as Decompress,
  GZIP: ((input) => plain(zlib.gunzipSync(input))) as Decompress,
  BROTLI: ((input) => plain(zlib.brotliDecompressSync(input))) as Decompress,
};
