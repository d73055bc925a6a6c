import { KohortError } from '../src/errors.js';

/** The KohortError thrown by f (fails the test when none is). */
export function thrown(f: () => unknown): KohortError {
  try {
    f();
  } catch (e) {
    if (e instanceof KohortError) return e;
    throw e;
  }
  throw new Error('expected a KohortError');
}
