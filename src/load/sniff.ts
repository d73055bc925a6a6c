import type { InputFormat } from './dataset.js';

const EXTENSIONS: Record<string, InputFormat> = {
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  dat: 'csv',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  json: 'ndjson',
  arrow: 'arrow',
  feather: 'arrow',
  ipc: 'arrow',
  parquet: 'parquet',
};

/** The extension of a path, lower case, after dropping a trailing ".gz" ('' if none). */
export function fileExtension(path: string): string {
  const base = path.replace(/^.*[\\/]/, '').toLowerCase().replace(/\.gz$/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1) : '';
}

/** The format a path's extension names (".gz" stripped first), if it names one. */
export function formatFromExtension(path: string): InputFormat | undefined {
  const ext = fileExtension(path);
  return Object.hasOwn(EXTENSIONS, ext) ? EXTENSIONS[ext] : undefined;
}

/** True if the bytes start with the gzip magic number 1f 8b. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * The format of a file, from its extension (".gz" stripped first) or, when the
 * extension is unknown, from the first bytes of its (decompressed) content: "PAR1"
 * is Parquet, "ARROW1" an Arrow file, 0xFFFFFFFF an Arrow stream, "{" NDJSON, and
 * anything else CSV. Returns undefined when there is no known extension and the
 * content looks binary, so the caller can ask for --input-format.
 */
export function sniffFormat(path: string, head?: Uint8Array): InputFormat | undefined {
  const known = formatFromExtension(path);
  if (known) return known;
  if (!head) return 'csv';
  const ascii = (s: string) => s.split('').every((ch, i) => head[i] === ch.charCodeAt(0));
  if (ascii('PAR1')) return 'parquet';
  if (ascii('ARROW1')) return 'arrow';
  if (head.length >= 4 && head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff) {
    return 'arrow';
  }
  if (workbookMagic(head)) return undefined;
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) ++i;
  if (head[i] === 0x7b) return 'ndjson';
  // A NUL byte never occurs in text; reading such a file as CSV would give garbage.
  if (head.subarray(0, 4096).includes(0)) return undefined;
  return 'csv';
}

/** The delimiter that sniffDelimiter returns for fields separated by runs of spaces. */
export const WHITESPACE = ' ';

const CANDIDATES = [',', '\t', ';', '|'];
const MAX_LINES = 50;

/**
 * Guess the field delimiter from the first lines of a file: ",", "\t", ";", "|", or
 * WHITESPACE (" ") for fields separated by runs of spaces and tabs, as in fixed-width
 * exports such as CDNOW_master.txt. A candidate wins by splitting the lines
 * (quote-aware) into the same number (> 1) of fields; whitespace is only chosen when
 * no single-character delimiter does. Falls back to ",".
 */
export function sniffDelimiter(sampleText: string): string {
  const lines = sampleLines(sampleText);
  if (lines.length === 0) return ',';
  let best = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const score = consistency(lines.map((line) => countFields(line, d)));
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  if (bestScore >= 0.9) return best;
  const ws = consistency(lines.map((line) => countFields(line, WHITESPACE)));
  if (ws > bestScore && ws >= 0.9) return WHITESPACE;
  return bestScore > 0 ? best : ',';
}

/** Split sample text into records, keeping newlines inside quotes, dropping a partial last line. */
function sampleLines(text: string): string[] {
  const lines: string[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  for (let i = start; i < text.length && lines.length < MAX_LINES; ++i) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      const line = text.slice(start, i);
      if (line.trim() !== '') lines.push(line);
      if (ch === '\r' && text[i + 1] === '\n') ++i;
      start = i + 1;
    }
  }
  // Only a sample with a single record may end without a newline and still count.
  if (lines.length === 0 && text.slice(start).trim() !== '') lines.push(text.slice(start));
  return lines;
}

/** Count the fields of one record, ignoring delimiters inside quotes. */
function countFields(line: string, delimiter: string): number {
  if (delimiter === WHITESPACE) {
    let count = 0;
    let inField = false;
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      const space = !quoted && (ch === ' ' || ch === '\t');
      if (!space && !inField) ++count;
      inField = !space;
    }
    return count;
  }
  let count = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) ++count;
  }
  return count;
}

/** The share of records with the most common field count, or 0 if that count is 1. */
function consistency(counts: number[]): number {
  const freq = new Map<number, number>();
  for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
  let mode = 1;
  let modeFreq = 0;
  for (const [c, f] of freq) {
    if (f > modeFreq || (f === modeFreq && c > mode)) {
      mode = c;
      modeFreq = f;
    }
  }
  return mode > 1 ? modeFreq / counts.length : 0;
}

/**
 * Excel's delimiter line: a CSV saved for Excel in a locale whose list separator is ";"
 * may start with `sep=;` on a line of its own (after an optional BOM at `pos`). Returns
 * the delimiter it names and the bytes the line takes (line end included), or null.
 */
export function excelSepLine(head: Uint8Array, pos = 0): { delimiter: string; length: number } | null {
  const lower = (i: number) => head[pos + i] | 0x20;
  if (head.length < pos + 5 || lower(0) !== 0x73 || lower(1) !== 0x65 || lower(2) !== 0x70 || head[pos + 3] !== 0x3d) return null;
  const d = head[pos + 4];
  if (d === 0x0a || d === 0x0d || d === 0x22 || d >= 0x80) return null;
  let end = pos + 5;
  if (head[end] === 0x0d) ++end;
  if (end < head.length && head[end] === 0x0a) ++end;
  else if (end === pos + 5 && end < head.length) return null;
  return { delimiter: String.fromCharCode(d), length: end - pos };
}

/**
 * True when the bytes start like an Excel workbook: a zip container ("PK\x03\x04":
 * xlsx, xlsm, ods, and any zip archive) or an OLE compound file (legacy .xls).
 */
export function workbookMagic(head: Uint8Array): boolean {
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const ole = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  return zip || ole;
}
