import { hashBeforeLoad } from '../api/hash-timing.js';
import type { InputSpec } from '../api/spec-fields.js';
import { inputHashes, type RunOutput } from './write-outputs.js';

type Hashes = ReturnType<typeof inputHashes>;

/** When a run hashes its inputs: see {@link hashSchedule}. */
export interface HashSchedule {
  /** Before the load: start the hash when a core will be idle for it (hashBeforeLoad). */
  beforeLoad(input: InputSpec, outputs: readonly RunOutput[]): Hashes;
  /** Once the inputs are loaded (on a SQL engine: at once): the hash, started now if it was not. */
  loaded(input: InputSpec, outputs: readonly RunOutput[]): Hashes;
  /** Stop every hash started (a run that fails). */
  abort(): void;
}

/**
 * hashSchedule: the one place that times the hashing of a run's inputs (the metadata of
 * its Arrow and Parquet outputs), for `kohort <command>` and `kohort run` alike: before
 * the load when hashBeforeLoad says it pays, else once the inputs are loaded, beside the
 * compute; the same inputs once; aborted when the run fails. `deps` are for tests.
 */
export function hashSchedule(deps: { early?: (input: InputSpec) => boolean; start?: typeof inputHashes } = {}): HashSchedule {
  const early = deps.early ?? hashBeforeLoad;
  const start = deps.start ?? inputHashes;
  const stop = new AbortController();
  const started = new Map<string, Hashes>();
  const begin = (input: InputSpec, outputs: readonly RunOutput[]): Hashes => {
    const key = JSON.stringify(input);
    if (!started.has(key)) started.set(key, start(input, outputs, stop.signal));
    return started.get(key);
  };
  return {
    beforeLoad: (input, outputs) => (early(input) ? begin(input, outputs) : undefined),
    loaded: begin,
    abort: () => stop.abort(),
  };
}
