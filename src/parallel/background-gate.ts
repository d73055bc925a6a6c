/**
 * A gate between the work a command waits for and background work that is only needed
 * at its end (the input files' SHA-256 for the output metadata). While a loader keeps
 * every core busy (a CSV file read by two threads at once), background threads wait at
 * the gate instead of taking turns with it; they run in the time before and after, when
 * a core is idle (start-up, joining the parts, writing the output).
 */

/** Number of foreground sections running; background threads wait while it is above 0. */
const gate = new Int32Array(new SharedArrayBuffer(4));

/** Longest a background thread waits at the gate in all, so it is never held for good. */
const MAX_WAIT_MS = 30_000;

/** The gate, to send to a background worker thread (shared memory: it sees every change). */
export function backgroundGate(): Int32Array {
  return gate;
}

/**
 * Start a section that keeps every core busy; returns the function that ends it (call
 * it exactly once, in a finally block). Sections may nest or overlap.
 */
export function holdBackground(): () => void {
  Atomics.add(gate, 0, 1);
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    if (Atomics.sub(gate, 0, 1) === 1) Atomics.notify(gate, 0);
  };
}

/**
 * In a background worker thread (Atomics.wait blocks the thread): wait while a
 * foreground section runs, at most `budget.ms` milliseconds in all (spent from it).
 */
export function waitAtGate(g: Int32Array, budget: { ms: number }): void {
  for (;;) {
    const v = Atomics.load(g, 0);
    if (v <= 0 || budget.ms <= 0) return;
    const t0 = Date.now();
    Atomics.wait(g, 0, v, Math.min(budget.ms, 1000));
    budget.ms -= Date.now() - t0;
  }
}

export { MAX_WAIT_MS };
