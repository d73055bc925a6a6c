/**
 * The one catalogue of user-facing error messages. Each entry turns its parameters
 * into one line of text; `fail(code, params, where)` in errors.ts adds the file, row
 * and column. Messages quote the bad input (use `q`). An option is named by its spec
 * field through `n` ("asOf", "columns.id"): the library prints the field, the CLI its
 * flag (cli/flags.ts), so a library user never reads a flag they did not type.
 * The entries live by job in src/messages/ (usage, input, time, churn, sql); how they
 * write values and counts in src/messages/message-format.ts.
 */
import { churnMessages } from './messages/churn-messages.js';
import { inputMessages } from './messages/input-messages.js';
import { sqlMessages } from './messages/sql-messages.js';
import { timeMessages } from './messages/time-messages.js';
import { usageMessages } from './messages/usage-messages.js';

export { counted, grouped, thousands, type FileColumns } from './messages/message-format.js';

export const messages = { ...usageMessages, ...inputMessages, ...timeMessages, ...churnMessages, ...sqlMessages } as const;

/** The name of a catalogued message. */
export type MessageCode = keyof typeof messages;

/** The parameters a catalogued message takes. */
export type MessageParams<C extends MessageCode> = Parameters<(typeof messages)[C]>[0];
