import type { Command } from 'commander';
import type { RejectSpec } from '../spec/reject-options.js';

/** The flags of unreadable values, shared by every command that loads files. */
export interface RejectFlags {
  decimal?: string;
  maxRejects?: string;
  rejects?: string;
}

/** Add --decimal, --max-rejects and --rejects to a command. */
export function addRejectOptions(cmd: Command): Command {
  return cmd
    .option('--decimal <mark>', 'decimal mark of text amounts, "." (1,000.50) or "," (1.000,50); sniffed when the values tell')
    .option('--max-rejects <limit>', 'rows per file with an unreadable id, time or amount before the run fails: 0, 1000 or 5% (default 1%)')
    .option('--rejects <file>', 'write each rejected value to this CSV (file,row,column,value,reason)');
}

/** The spec fields of the flags. */
export function rejectSpec(o: RejectFlags): RejectSpec {
  return { decimal: o.decimal, maxRejects: o.maxRejects, rejects: o.rejects };
}
