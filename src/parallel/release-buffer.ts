import { MessageChannel } from 'node:worker_threads';

/** Smaller buffers are left to the garbage collector. */
const MIN_BYTES = 1 << 20;

/**
 * Give a big ArrayBuffer's memory back on the next turn of the event loop, rather than
 * at the next full garbage collection, which a load's short-lived big buffers (a
 * dictionary's outgrown tables) may not see before the memory peak. The buffer is
 * transferred into a message channel that is then closed, which frees it. The caller
 * must hold no other view of it: the array is detached (length 0) from here on.
 * SharedArrayBuffers and small buffers are left alone.
 */
export function releaseBuffer(a: ArrayBufferView): void {
  const buffer = a.buffer;
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength < MIN_BYTES) return;
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(null, [buffer]);
  port1.close();
  port2.close();
  pending = true;
}

let pending = false;

/**
 * Resolves once the buffers released so far are freed: the closed channels are torn
 * down by a full turn of the event loop (a timer), not by microtasks. Loaders' callers
 * await it before computing, so that a load's last released buffers do not add to the
 * computation's memory peak.
 */
export function buffersReleased(): Promise<void> {
  if (!pending) return Promise.resolve();
  pending = false;
  return new Promise((resolve) => setTimeout(resolve, 0));
}
