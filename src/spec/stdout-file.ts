/** "-" as an output's file (--out, a spec output's "file", --rejects) names standard output, as "-" names standard input. */
export const STDOUT_FILE = '-';

/** The file an output is written to: undefined for standard output (no file, or "-"). */
export function outputFile(file: string | undefined): string | undefined {
  return file === STDOUT_FILE ? undefined : file;
}
