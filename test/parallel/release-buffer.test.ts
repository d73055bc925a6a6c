import { describe, expect, it } from 'vitest';
import { buffersReleased, releaseBuffer } from '../../src/parallel/release-buffer.js';

describe('releaseBuffer(array)', () => {
  it('detaches a big ArrayBuffer (its memory goes back on the next turn)', () => {
    const a = new Int32Array(1 << 20);
    releaseBuffer(a);
    expect(a.length).toBe(0);
    expect(a.buffer.byteLength).toBe(0);
  });

  it('leaves small buffers and SharedArrayBuffers alone', () => {
    const small = new Int32Array(16);
    const shared = new Int32Array(new SharedArrayBuffer(4 << 20));
    releaseBuffer(small);
    releaseBuffer(shared);
    expect(small.length).toBe(16);
    expect(shared.length).toBe(1 << 20);
  });

  it('buffersReleased() resolves after a turn of the event loop once something was released, at once otherwise', async () => {
    releaseBuffer(new Uint8Array(2 << 20));
    let done = false;
    const p = buffersReleased().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    await p;
    expect(done).toBe(true);
    await buffersReleased();
  });
});
