/**
 * Structured JSON logs (pino) with a child logger per module. Known secrets are redacted: fields
 * by name (password, token, secret, authorization, cookie) and any string registered with
 * `registerSecret` wherever it appears in a message, plus credentials inside URLs.
 */
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

const REDACTED = '[redacted]';
const secrets = new Set<string>();

/** Registers a secret value (a camera password, a key) so that no log line ever carries it. */
export function registerSecret(value: string): void {
  if (value.length >= 4) secrets.add(value);
}

/** Removes credentials from a URL-ish string and any registered secret from text. */
export function redactText(text: string): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)([^/@\s:]+)(?::[^/@\s]*)?@/gi, `$1${REDACTED}@`);
  for (const s of secrets) out = out.split(s).join(REDACTED);
  return out;
}

const SECRET_KEYS = /pass(word)?|secret|token|authorization|cookie|credential|private_?key/i;

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: redactText(value.message),
      stack: value.stack && redactText(value.stack),
    };
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEYS.test(k) ? REDACTED : redactValue(v, depth + 1);
  }
  return out;
}

export interface LoggerOptions {
  level?: string;
  /** Where lines go; standard output by default. Tests pass a stream to read them back. */
  destination?: DestinationStream;
}

/** Creates the root logger. Modules take `root.child({ module: 'ingest' })`. */
export function createLogger(opts: LoggerOptions = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (obj) => redactValue(obj, 0) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((a) =>
            typeof a === 'string' ? redactText(a) : a,
          ) as typeof args;
          method.apply(this, redacted);
        },
      },
    },
    opts.destination,
  );
}

/** A logger that discards everything, for tests that do not read logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
