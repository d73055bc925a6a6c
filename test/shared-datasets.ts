import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Path of a public data set in ../shared/datasets (never copied into the repo). */
export function sharedDataset(relative: string): string {
  return fileURLToPath(new URL(`../../shared/datasets/${relative}`, import.meta.url));
}

/** Whether a shared data set is present; logs why a test is skipped when not. */
export function hasSharedDataset(relative: string): boolean {
  const ok = existsSync(sharedDataset(relative));
  if (!ok) console.warn(`skipping: ../shared/datasets/${relative} is absent (public data sets live beside the repo)`);
  return ok;
}
