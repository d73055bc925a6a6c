import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/program.js';
import { runCli } from './run-cli.js';

// `--help` teaches: what the command is for, a command line to copy, the defaults.
const COMMANDS = createProgram().commands.map((c) => c.name());

describe('kohort <command> --help', () => {
  it('lists every command', () => {
    expect(COMMANDS).toEqual(['matrix', 'survival', 'crr', 'sql', 'compare', 'reasons', 'value', 'feedback', 'report', 'run', 'schema']);
  });

  it.each(COMMANDS)('kohort %s --help: a one-sentence purpose, an example command line, the defaults', async (name) => {
    const r = await runCli([name, '--help']);
    expect(r.code).toBe(0);
    const cmd = createProgram().commands.find((c) => c.name() === name)!;
    const purpose = cmd.description().replace(/\s+/g, ' ').trim();
    expect(purpose.length).toBeGreaterThan(10);
    expect(purpose.endsWith('.'), purpose).toBe(true);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toMatch(new RegExp(`^ {2}\\$ kohort ${name}\\b`, 'm'));
    for (const o of cmd.options) {
      if (o.defaultValue !== undefined && !o.negate && o.defaultValue !== false) {
        expect(r.stdout, `${name} ${o.flags}`).toMatch(new RegExp(`${o.long}[^\\n]*(\\n {10,}[^\\n]*)*default`));
      }
    }
  });

  it('kohort matrix --help says what --date-format EXCEL reads', async () => {
    const r = await runCli(['matrix', '--help']);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('EXCEL: spreadsheet serial days, 45292 = 2024-01-01');
  });

  it('kohort matrix --help explains every --mode', async () => {
    const r = await runCli(['matrix', '--help']);
    const modes = createProgram().commands.find((c) => c.name() === 'matrix')!.options.find((o) => o.long === '--mode')!.argChoices!;
    for (const mode of modes) expect(r.stdout, mode).toMatch(new RegExp(`^ {2}${mode} +\\S`, 'm'));
  });

  it('kohort --help: the commands, examples and exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const name of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^ {2}${name} `, 'm'));
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('Exit codes:');
  });
});
