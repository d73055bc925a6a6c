import type { FieldName } from './field-name.js';
import { messages, type MessageCode, type MessageParams } from './messages.js';

/** Where in the input a problem was found. Every field is optional. */
export interface ErrorLocation {
  /** The input file (as given by the user). */
  file?: string;
  /** 1-based data row (the header is not counted). */
  row?: number;
  /** The column name as it appears in the input. */
  column?: string;
}

/**
 * The one error type kohort throws for problems of input or usage.
 * `code` names the message in src/messages.ts; the CLI prints `message`
 * on one line and exits with `exitCode` (2 for caller mistakes).
 */
export class KohortError extends Error {
  readonly code: MessageCode;
  /** The message's parameters, so a front end can word it again (see messageText). */
  readonly params: unknown;
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  readonly exitCode: number;

  constructor(code: MessageCode, message: string, where: ErrorLocation = {}, exitCode = 2, params: unknown = {}) {
    super(message);
    this.name = 'KohortError';
    this.code = code;
    this.params = params;
    this.file = where.file;
    this.row = where.row;
    this.column = where.column;
    this.exitCode = exitCode;
  }
}

/** Quote a user value for a message: JSON-style, shortened past 60 characters. */
export function quote(value: unknown): string {
  const s = typeof value === 'string' ? value : String(value);
  const short = s.length > 60 ? `${s.slice(0, 57)}...` : s;
  return JSON.stringify(short);
}

/** Prefix "file, row N, column "x": " from a location (empty parts are left out). */
function prefix(where: ErrorLocation): string {
  const parts: string[] = [];
  if (where.file) parts.push(where.file);
  if (where.row !== undefined) parts.push(`row ${where.row}`);
  if (where.column !== undefined) parts.push(`column ${quote(where.column)}`);
  return parts.length ? `${parts.join(', ')}: ` : '';
}

/** Spec fields are named as they are ("asOf", "columns.id"); "analysis.crr" is the analysis. */
const specField: FieldName = (field) => (field.startsWith('analysis.') ? field.slice('analysis.'.length) : field);

/**
 * The text of a catalogued message: the file, row and column, then the message with each
 * option named by `name` (spec fields by default; the CLI passes its flags).
 */
export function messageText<C extends MessageCode>(code: C, params: MessageParams<C>, where: ErrorLocation = {}, name: FieldName = specField): string {
  return prefix(where) + (messages[code] as (p: MessageParams<C>, n: FieldName) => string)(params, name);
}

/**
 * Throw the catalogued error `code`. The message text comes from src/messages.ts,
 * prefixed with the file, row and column when they are known.
 */
export function fail<C extends MessageCode>(
  code: C,
  params: MessageParams<C>,
  where: ErrorLocation = {},
): never {
  throw new KohortError(code, messageText(code, params, where), where, 2, params);
}

const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  ENAMETOOLONG: 'the name is too long',
  ENOSPC: 'no space left on the device',
  EROFS: 'a read-only file system',
  EXDEV: 'the temporary file is on another device',
  EPIPE: 'the reader of the pipe closed it',
};

/** Whether `e` is a write into a pipe whose reader has gone (EPIPE): the system's error, or it worded as unwritableFile. */
export function closedPipe(e: unknown): boolean {
  if (e instanceof KohortError) return e.code === 'unwritableFile' && (e.params as { reason?: string }).reason === SYSTEM_REASONS.EPIPE;
  return (e as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

/** A file-system error in words ("no such file"), else its message: for `unreadableFile` and `unwritableFile`. */
export function systemErrorReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  return (code && SYSTEM_REASONS[code]) ?? (e instanceof Error ? e.message : String(err));
}
