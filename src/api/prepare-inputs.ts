import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fail } from '../errors.js';
import { headerLooksLikeData } from '../load/header-looks-like-data.js';
import { readColumnNames, repeatedHeaderNames } from '../load/read-column-names.js';
import { formatFromExtension } from '../load/sniff.js';
import type { InputSpec } from '../spec/types.js';

/** Where prepareInputs reads standard input from and says what it noticed. */
export interface PrepareInputsOptions {
  /** Standard input, read for "-" (default: process.stdin). */
  stdin?: () => NodeJS.ReadableStream;
  /** One warning line (without a prefix). */
  warn?: (line: string) => void;
}

/** The inputs of a run, ready for the loaders, and what to remove afterwards. */
export interface PreparedInputs {
  input: InputSpec;
  /** Remove the copies of standard input and FIFOs. */
  cleanup(): Promise<void>;
  /** A message with the copies' paths put back as the user named the inputs. */
  displayNames(text: string): string;
  /** The name of each input copied, as messages give it (the loaders' LoadInputOptions.names). */
  names: { activity?: string; customers?: string };
}

/**
 * prepareInputs: `-` (standard input) and FIFOs (`<(zcat x.gz)`) become files the loaders
 * can read more than once (the column names first, then by ranges on two threads): each
 * is copied to a private temporary file, named after the input, removed by `cleanup`.
 * Warns when a CSV header row looks like data (a headerless file such as CDNOW_sample.txt).
 * A Parquet file has no header row: its schema names the columns (pandas' 0, 1, 2 are
 * names, not data), and its footer is not read here, only by the run's schema and load.
 */
export async function prepareInputs(spec: InputSpec, opts: PrepareInputsOptions = {}): Promise<PreparedInputs> {
  if (spec.activity === '-' && spec.customers === '-') fail('stdinTwice', {});
  let dir: string | undefined;
  const input: InputSpec = { ...spec };
  for (const role of ['activity', 'customers'] as const) {
    const file = spec[role];
    if (file === undefined) continue;
    const stdin = file === '-';
    if (!stdin && !(await isStream(file))) continue;
    dir ??= await mkdtemp(path.join(tmpdir(), 'kohort-input-'));
    const copy = path.join(dir, stdin ? 'stdin' : path.basename(file));
    const source = stdin ? (opts.stdin?.() ?? process.stdin) : createReadStream(file);
    try {
      await pipeline(source, createWriteStream(copy, { mode: 0o600 }));
    } catch (e) {
      fail('unreadableFile', { reason: (e as Error).message }, { file: stdin ? 'standard input' : file });
    }
    input[role] = copy;
  }
  if (spec.header !== false) {
    for (const role of ['activity', 'customers'] as const) {
      const file = input[role];
      if (file === undefined || (spec.format ?? formatFromExtension(file)) === 'parquet') continue;
      const names = await readColumnNames(file, { format: spec.format, delimiter: spec.delimiter });
      const shown = spec[role] === '-' ? 'standard input' : spec[role];
      if (names && headerLooksLikeData(names)) {
        opts.warn?.(
          `${shown}: the header row (${names.map((n) => JSON.stringify(n)).join(', ')}) ` +
            'looks like data; if the file has no header, pass --no-header --columns <name,name,...>',
        );
      }
      for (const r of names ? await repeatedHeaderNames(file, { format: spec.format, delimiter: spec.delimiter }) : []) {
        const and = (xs: readonly (string | number)[]) => `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;
        opts.warn?.(
          `${shown}: the header row names ${JSON.stringify(r.name)} in columns ${and(r.columns)}, ` +
            `read as ${and(r.readAs.map((n) => JSON.stringify(n)))}: name the one you mean exactly`,
        );
      }
    }
  }
  const names: [string, string][] = [];
  const shown: PreparedInputs['names'] = {};
  for (const role of ['activity', 'customers'] as const) {
    const given = spec[role];
    const used = input[role];
    if (given !== undefined && used !== undefined && given !== used) names.push([used, (shown[role] = given === '-' ? 'standard input' : given)]);
  }
  return {
    input,
    names: shown,
    displayNames: (text) => names.reduce((t, [used, given]) => t.split(used).join(given), text),
    cleanup: async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A FIFO or a character device (/dev/stdin): readable once, from the start only. */
async function isStream(file: string): Promise<boolean> {
  try {
    const s = await stat(file);
    return s.isFIFO() || s.isCharacterDevice() || s.isSocket();
  } catch {
    return false;
  }
}

/** Name the copies of standard input and FIFOs in a report as the user gave them. */
export function restoreNames(files: { file: string }[], given: InputSpec, used: InputSpec): void {
  for (const f of files) {
    for (const role of ['activity', 'customers'] as const) {
      if (used[role] !== undefined && f.file === used[role] && given[role] !== used[role]) {
        f.file = given[role] === '-' ? 'standard input' : given[role]!;
      }
    }
  }
}

export { statusLine } from '../load/progress.js';
