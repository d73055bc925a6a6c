import { Command } from 'commander';
import { RUN_SPEC_SCHEMA } from '../../api/run-spec.js';
import type { CliIO } from '../io.js';

/** `kohort schema`: the JSON Schema of spec files, generated from the spec types. */
export function schemaCommand(io: CliIO): Command {
  return new Command('schema')
    .description('Print the JSON Schema of spec files (for editors and validators).')
    .addHelpText(
      'after',
      `
A spec file that names it ("$schema": "kohort.schema.json") gets completion and checks in
editors; \`kohort run\` validates every spec with the same schema.

Examples:
  $ kohort schema > kohort.schema.json
  $ kohort matrix events.csv --print-spec > spec.json    a spec to start from`,
    )
    .action(() => {
      io.stdout(`${JSON.stringify(RUN_SPEC_SCHEMA, null, 2)}\n`);
    });
}
