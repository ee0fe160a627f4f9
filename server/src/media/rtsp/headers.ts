/**
 * A case-insensitive, order-preserving collection of RTSP header fields. Names keep the spelling
 * they were given (so written messages look like the ones cameras expect); look-ups ignore case.
 */
import { RtspParseError } from './errors.ts';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Anything `RtspHeaders` can be built from. */
export type RtspHeadersInit =
  RtspHeaders | Record<string, string | number> | Iterable<readonly [string, string]>;

/** Checks a header name and value for writing; throws `RtspParseError` on CR, LF or bad names. */
function checkField(name: string, value: string): void {
  if (!TOKEN.test(name))
    throw new RtspParseError(`invalid RTSP header name ${JSON.stringify(name)}`);
  if (/[\r\n\0]/.test(value)) {
    throw new RtspParseError(`RTSP header ${name} has a line break or NUL in its value`);
  }
}

/** Case-insensitive RTSP header fields, repeated fields kept in order. */
export class RtspHeaders implements Iterable<[string, string]> {
  private readonly fields: [string, string][] = [];

  /** Builds the collection from another one, a record, or `[name, value]` pairs. */
  constructor(init?: RtspHeadersInit) {
    if (init === undefined) return;
    if (init instanceof RtspHeaders) {
      for (const [n, v] of init) this.append(n, v);
    } else if (Symbol.iterator in init) {
      for (const [n, v] of init as Iterable<readonly [string, string]>) this.append(n, v);
    } else {
      for (const [n, v] of Object.entries(init)) this.append(n, String(v));
    }
  }

  /** The first value of `name`, or undefined. */
  get(name: string): string | undefined {
    const lower = name.toLowerCase();
    for (const [n, v] of this.fields) if (n.toLowerCase() === lower) return v;
    return undefined;
  }

  /** Every value of `name`, in order. */
  getAll(name: string): string[] {
    const lower = name.toLowerCase();
    return this.fields.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
  }

  /** True if `name` is present. */
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Replaces every value of `name` with one value (added at the position of the first one). */
  set(name: string, value: string | number): this {
    const text = String(value);
    checkField(name, text);
    const lower = name.toLowerCase();
    const at = this.fields.findIndex(([n]) => n.toLowerCase() === lower);
    this.delete(name);
    if (at < 0) this.fields.push([name, text]);
    else this.fields.splice(at, 0, [name, text]);
    return this;
  }

  /** Adds one more value of `name` after the existing ones. */
  append(name: string, value: string | number): this {
    const text = String(value);
    checkField(name, text);
    this.fields.push([name, text]);
    return this;
  }

  /** Removes every value of `name`; true if there was one. */
  delete(name: string): boolean {
    const lower = name.toLowerCase();
    let removed = false;
    for (let i = this.fields.length - 1; i >= 0; i--) {
      const field = this.fields[i];
      if (field !== undefined && field[0].toLowerCase() === lower) {
        this.fields.splice(i, 1);
        removed = true;
      }
    }
    return removed;
  }

  /** Number of fields (a repeated name counts once per value). */
  get size(): number {
    return this.fields.length;
  }

  /** `[name, value]` pairs in order, names as given. */
  [Symbol.iterator](): Iterator<[string, string]> {
    return this.fields.map(([n, v]): [string, string] => [n, v])[Symbol.iterator]();
  }

  /** A plain object, names lower-cased, repeated values joined with ", " (for logs and tests). */
  toJSON(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [n, v] of this.fields) {
      const key = n.toLowerCase();
      const prev = out[key];
      out[key] = prev === undefined ? v : `${prev}, ${v}`;
    }
    return out;
  }
}
