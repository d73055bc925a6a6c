import * as zlib from 'node:zlib';
import type { Compressors } from 'hyparquet';
import { compressors as jsCompressors, decompressZstd } from 'hyparquet-compressors';

type Decompress = (input: Uint8Array, length: number) => Uint8Array;

/** Node's own zstd (Node 22.15+ and 23.8+), when this Node has it. */
const nativeZstd = (zlib as unknown as { zstdDecompressSync?: (b: Uint8Array) => Uint8Array }).zstdDecompressSync;

/**
 * zstd in WebAssembly (@bokuweb/zstd-wasm, shipped in the package: nothing is
 * downloaded): 4-7x faster than fzstd here. It needs an async start, so readParquet and
 * the Parquet worker await codecsReady() before decoding; until then fzstd serves.
 */
let wasmZstd: ((input: Uint8Array) => Uint8Array) | undefined;
let starting: Promise<void> | undefined;

/** Start the WebAssembly zstd decoder (once); decoding falls back to fzstd if it fails. */
export function codecsReady(): Promise<void> {
  starting ??= import('@bokuweb/zstd-wasm')
    .then(async (z) => {
      await z.init();
      wasmZstd = (input) => z.decompress(input);
    })
    .catch(() => undefined);
  return starting;
}

function zstd(input: Uint8Array): Uint8Array {
  if (wasmZstd) {
    try {
      return wasmZstd(input);
    } catch {
      // A frame without its content size: fzstd can stream it.
    }
  }
  return decompressZstd(input);
}

/** A plain Uint8Array view of a Buffer (keeps the decoders' byte loops monomorphic). */
const plain = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.length);

/**
 * The Parquet codecs: Node's native zlib for gzip, brotli and (where Node has it)
 * zstd; else zstd in WebAssembly, and hyparquet-compressors for the rest (snappy in
 * WebAssembly, lz4 in JavaScript). fzstd is not given the output buffer: it is much slower so.
 */
export const compressors: Compressors = {
  ...jsCompressors,
  ZSTD: (nativeZstd
    ? (input) => plain(nativeZstd(input))
    : (input) => zstd(input)) as Decompress,
  GZIP: ((input) => plain(zlib.gunzipSync(input))) as Decompress,
  BROTLI: ((input) => plain(zlib.brotliDecompressSync(input))) as Decompress,
};
