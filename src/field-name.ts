/**
 * How a message names a spec field: the field itself (library) or its flag (CLI). Its own
 * file so that messages.ts and message-reasons.ts (which messages.ts imports) share it.
 */
export type FieldName = (field: string) => string;
