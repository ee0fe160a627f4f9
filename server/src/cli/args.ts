/**
 * Strict command-line parsing on top of `node:util` `parseArgs`: unknown flags and missing
 * values are `UsageError`s naming the flag.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './usage.ts';

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;
type Values<O extends OptionSpec> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string;
};

/** Parses `args` for one command; `positionals` is how many positional arguments it takes. */
export function parseCommand<O extends OptionSpec>(
  command: string,
  args: string[],
  options: O,
  positionals: { min: number; max: number; names: string },
): { values: Values<O>; positionals: string[] } {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (e) {
    const message = (e as Error).message.split('. ')[0] ?? String(e);
    throw new UsageError(`${command}: ${message}`);
  }
  const n = parsed.positionals.length;
  if (n < positionals.min) throw new UsageError(`${command}: missing ${positionals.names}`);
  if (n > positionals.max) {
    throw new UsageError(
      `${command}: unexpected argument ${parsed.positionals[positionals.max] ?? ''}`,
    );
  }
  return { values: parsed.values as Values<O>, positionals: parsed.positionals };
}

/** Parses a non-negative integer flag value. */
export function intFlag(
  command: string,
  flag: string,
  value: string | undefined,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new UsageError(`${command}: --${flag} must be an integer from 0 to ${max}`);
  }
  return Number(value);
}

/** The `--data DIR | --config FILE` pair every installation command takes. */
export const INSTALLATION_FLAGS = {
  data: { type: 'string' },
  config: { type: 'string' },
} as const;
