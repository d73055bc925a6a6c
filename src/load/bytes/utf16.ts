/**
 * UTF-16 text (Excel's "Unicode Text", Windows tools) has a byte order mark; the readers
 * work on UTF-8 bytes, so such a file is transcoded once before it is parsed.
 */

/** The UTF-16 encoding a byte order mark announces, or undefined (UTF-8 and the rest). */
export function utf16Encoding(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (head.length < 2) return undefined;
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * utf16ToUtf8: UTF-16 bytes (with their byte order mark) as UTF-8 bytes without one. A
 * cut-off last character (a file's first 64 KB) becomes U+FFFD, never an error.
 */
export function utf16ToUtf8(bytes: Uint8Array): Uint8Array {
  const encoding = utf16Encoding(bytes);
  if (!encoding) return bytes;
  return new TextEncoder().encode(new TextDecoder(encoding).decode(bytes));
}
