/** One input file's identity, written into output metadata: its path as given, size, and SHA-256 of its bytes. */
export interface InputHash {
  role: 'activity' | 'customers';
  file: string;
  bytes: number;
  sha256: string;
}
