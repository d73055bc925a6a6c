const utf8 = new TextDecoder('utf-8', { fatal: true });

// Windows-1252 bytes 0x80-0x9F (Node's TextDecoder('windows-1252') reads them as
// Latin-1 control characters instead); undefined bytes stay as they are.
const CP1252_HIGH = '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f' +
  '\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';

/** Decode bytes as Windows-1252. */
function decodeCp1252(bytes: Uint8Array, start: number, end: number): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]);
}

/**
 * Decode bytes as UTF-8; bytes that are not valid UTF-8 are read as Windows-1252,
 * the usual encoding of CSV files saved by Excel, rather than turned into U+FFFD.
 */
export function decodeText(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let ascii = true;
  for (let i = start; i < end; ++i) {
    if (bytes[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    // Short ASCII values are the common case; fromCharCode avoids a decoder call.
    if (end - start <= 64) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
    return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  }
  try {
    return utf8.decode(bytes.subarray(start, end));
  } catch {
    return decodeCp1252(bytes, start, end);
  }
}
