import { createRequire } from 'node:module';
import * as zlib from 'node:zlib';
import type { Compressors } from 'hyparquet';
// hyparquet-compressors' decoders, each from its own module: the package's index also
// builds its gzip and brotli tables at load (~20 ms of CPU on the load's critical path),
// and those two codecs come from zlib here.
import { decompress as decompressZstd } from 'fzstd';
import { snappyUncompressor } from 'hysnappy';
import { decompressLz4, decompressLz4Raw } from 'hyparquet-compressors/src/lz4.js';

type Decompress = (input: Uint8Array, length: number) => Uint8Array;

/** Node's own zstd (Node 22.15+ and 23.8+), when this Node has it. */
const nodeZstd = (zlib as unknown as { zstdDecompressSync?: (b: Uint8Array) => Uint8Array }).zstdDecompressSync;

/**
 * libzstd as a native addon (@toondepauw/node-zstd: Rust's zstd crate over libzstd, its
 * binary shipped as a per-platform npm package, so nothing is built or downloaded at
 * install). Node 20 has no zstd in zlib; on the 200 MB of zstd pages of a 10M-event file
 * it takes ~25% less CPU than the WebAssembly build in a fresh process (0.44-0.51 s vs
 * 0.57-0.63 s), and a worker thread need not compile WebAssembly. Where no binary fits
 * the platform it fails to load, and the WebAssembly decoder serves (KOHORT_ZSTD=wasm
 * forces it, for measuring).
 */
function loadAddonZstd(): ((input: Uint8Array) => Uint8Array) | undefined {
  if (process.env.KOHORT_ZSTD === 'wasm') return undefined;
  try {
    const { Decoder } = createRequire(import.meta.url)('@toondepauw/node-zstd') as {
      Decoder: new () => { decodeSync(data: Buffer): Buffer };
    };
    const decoder = new Decoder();
    return (input) => decoder.decodeSync(Buffer.from(input.buffer, input.byteOffset, input.byteLength));
  } catch {
    return undefined;
  }
}

const addonZstd = nodeZstd ? undefined : loadAddonZstd();
/** Which zstd decoder this process uses (for tests and the bench log). */
export const zstdDecoder: 'node' | 'addon' | 'wasm' = nodeZstd ? 'node' : addonZstd ? 'addon' : 'wasm';

/**
 * zstd in WebAssembly (@bokuweb/zstd-wasm, shipped in the package: nothing is
 * downloaded): 4-7x faster than fzstd here. It needs an async start, so readParquet and
 * the Parquet worker await codecsReady() before decoding; until then fzstd serves.
 */
let wasmZstd: ((input: Uint8Array) => Uint8Array) | undefined;
let starting: Promise<void> | undefined;

/** Start the WebAssembly zstd decoder (once); decoding falls back to fzstd if it fails. */
export function codecsReady(): Promise<void> {
  if (addonZstd || nodeZstd) return Promise.resolve();
  starting ??= import('@bokuweb/zstd-wasm')
    .then(async (z) => {
      await z.init();
      wasmZstd = (input) => z.decompress(input);
    })
    .catch(() => undefined);
  return starting;
}

function zstd(input: Uint8Array): Uint8Array {
  if (addonZstd) {
    try {
      return plain(addonZstd(input));
    } catch {
      // Left to the decoders below, which report a corrupt frame the same way as before.
    }
  }
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

let snappy: Decompress | undefined;

/**
 * The Parquet codecs: Node's native zlib for gzip, brotli and (where Node has it)
 * zstd; else libzstd's addon, or zstd in WebAssembly, and hyparquet-compressors' for the rest (snappy in
 * WebAssembly, its module compiled at the first snappy page; lz4 in JavaScript). fzstd is not given the output buffer: it is much slower so.
 */
export const compressors: Compressors = {
  SNAPPY: ((input, length) => (snappy ??= snappyUncompressor())(input, length)) as Decompress,
  LZ4: decompressLz4 as Decompress,
  LZ4_RAW: decompressLz4Raw as Decompress,
  ZSTD: (nodeZstd
    ? (input) => plain(nodeZstd(input))
    : (input) => zstd(input)) as Decompress,
  GZIP: ((input) => plain(zlib.gunzipSync(input))) as Decompress,
  BROTLI: ((input) => plain(zlib.brotliDecompressSync(input))) as Decompress,
};
