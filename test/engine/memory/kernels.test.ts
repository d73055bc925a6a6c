import { describe, expect, it } from 'vitest';
import { KERNELS } from '../../../src/engine/memory/kernels.js';
import { maskBits, maskRows, maskScatter } from '../../../src/engine/memory/matrix/mask-chunks.js';
import { survivalItem } from '../../../src/stats/survival-items.js';
import { survivalRunItem } from '../../../src/stats/survival-run.js';
import { scanInstants } from '../../../src/time/scan-instants.js';
import { epochSecondsToMs } from '../../../src/time/epoch-numbers.js';
import { remapChunk } from '../../../src/engine/memory/prepare/remap-keys.js';

// runChunks(name, run, ...) runs `run` here and KERNELS[name] on the worker: the names
// its callers pass must name the same functions.
describe('KERNELS', () => {
  it('maps each name runChunks is called with to the function passed beside it', () => {
    expect(KERNELS).toEqual({
      rows: maskRows, scatter: maskScatter, bits: maskBits, survival: survivalItem, survivalRun: survivalRunItem, instants: scanInstants, epochSeconds: epochSecondsToMs, remap: remapChunk,
    });
  });
});
