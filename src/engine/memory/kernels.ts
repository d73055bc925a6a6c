import { survivalItem } from '../../stats/survival-items.js';
import { survivalRunItem } from '../../stats/survival-run.js';
import { maskBits, maskRows, maskScatter } from './matrix/mask-chunks.js';
import { scanInstants } from '../../time/scan-instants.js';
import { epochSecondsToMs } from '../../time/epoch-numbers.js';
import { remapChunk } from './prepare/remap-keys.js';

/** The kernels that run-chunks.ts may run on its worker thread, by name (nothing else is run). */
export const KERNELS = { rows: maskRows, scatter: maskScatter, bits: maskBits, survival: survivalItem, survivalRun: survivalRunItem, instants: scanInstants, epochSeconds: epochSecondsToMs, remap: remapChunk } as const;

export type KernelName = keyof typeof KERNELS;
/** The job a kernel takes. */
export type JobOf<K extends KernelName> = Parameters<(typeof KERNELS)[K]>[0];
