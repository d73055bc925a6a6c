import { InvalidArgumentError } from 'commander';

/** Commander reducer for a repeatable option. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Commander parser for a whole number >= 0, naming the option in its error. */
export function wholeNumber(option: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < 0) {
      throw new InvalidArgumentError(`${option} expects a whole number >= 0, got ${JSON.stringify(value)}.`);
    }
    return n;
  };
}

/** Commander parser for a comma list of numbers (e.g. --at 12,24,48). */
export function numberList(option: string): (value: string) => number[] {
  return (value) => {
    const xs = value.split(',').map((s) => Number(s.trim()));
    if (xs.some((x) => !Number.isFinite(x))) {
      throw new InvalidArgumentError(`${option} expects numbers separated by commas, got ${JSON.stringify(value)}.`);
    }
    return xs;
  };
}
