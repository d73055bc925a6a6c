/**
 * A gate between the work a command waits for and background work that is only needed
 * at its end (the input files' SHA-256 for the output metadata). While a loader keeps
 * every core busy (a CSV file read by two threads at once), background threads wait at
 * the gate instead of taking turns with it; they run in the time before and after, when
 * a core is idle (start-up, joining the parts, writing the output).
 */

import { availableParallelism, loadavg } from 'node:os';

/** Number of foreground sections running; background threads wait while it is above 0. */
const gate = new Int32Array(new SharedArrayBuffer(4));

/** Longest a background thread waits at the gate in all, so it is never held for good. */
const MAX_WAIT_MS = 30_000;

/** The gate, to send to a background worker thread (shared memory: it sees every change). */
export function backgroundGate(): Int32Array {
  return gate;
}

/**
 * Whether holding background work back pays now: only when this process has the cores
 * to itself (the 1-minute load average below the cores plus a half). On a machine that
 * other processes keep busy, the scheduler shares it out by runnable threads: holding one
 * back gives the process less of the machine, and the background work then runs after
 * the load instead of beside it (measured: 10-15% longer runs at load average 9-11 on 2 cores).
 */
export function backgroundHoldPays(): boolean {
  return loadavg()[0] < availableParallelism() + 0.5;
}

/** A section's hold on the gate, on shared memory: any thread may release it (once). */
export interface BackgroundHold {
  gate: Int32Array;
  /** 1 while the hold is on. */
  open: Int32Array;
}

/**
 * Start a section that keeps every core busy. Release it exactly once by
 * releaseBackground, from this thread or another one the hold was sent to (the first
 * thread to finish its share, so that its core goes to the background at once); a
 * second release does nothing. Sections may nest or overlap.
 */
export function holdBackground(): BackgroundHold {
  Atomics.add(gate, 0, 1);
  const open = new Int32Array(new SharedArrayBuffer(4));
  open[0] = 1;
  return { gate, open };
}

/** End a hold (see holdBackground); only its first release counts. */
export function releaseBackground(hold: BackgroundHold): void {
  if (Atomics.compareExchange(hold.open, 0, 1, 0) !== 1) return;
  if (Atomics.sub(hold.gate, 0, 1) === 1) Atomics.notify(hold.gate, 0);
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
