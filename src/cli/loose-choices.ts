import type { Command, Option } from 'commander';

/**
 * looseChoices: let every option with fixed choices (--period, --mode, --date-format,
 * --format, --adjust, ...) take its value in any case ("excel", "Month", "TIDY-CSV"),
 * and with "_" for "-", whenever that names exactly one choice. Anything else keeps
 * commander's error, which lists the choices. Applied to a command and its subcommands.
 */
export function looseChoices(cmd: Command): void {
  for (const opt of cmd.options as Option[]) {
    const choices = opt.argChoices;
    const check = opt.parseArg;
    if (!choices || !check) continue;
    opt.parseArg = (<T>(arg: string, previous: T): T => check(canonicalChoice(arg, choices), previous)) as Option['parseArg'];
  }
  for (const sub of cmd.commands) looseChoices(sub);
}

/** The choice `value` names ignoring case, "_" / "-" and surrounding spaces; `value` itself when none or several do. */
export function canonicalChoice(value: string, choices: readonly string[]): string {
  if (choices.includes(value)) return value;
  const key = (s: string): string => s.trim().toLowerCase().replace(/_/g, '-');
  const hits = choices.filter((c) => key(c) === key(value));
  return hits.length === 1 ? hits[0] : value;
}
