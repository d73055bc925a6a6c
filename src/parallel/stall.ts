/**
 * A wait this long without progress (an item takes milliseconds) means the worker has
 * crashed or exited: this thread redoes the items it had claimed, and no run goes to a
 * worker again. Long, so that a live worker merely descheduled on a busy machine is
 * never raced by the redo.
 */
export const STALL_MS = 10_000;
