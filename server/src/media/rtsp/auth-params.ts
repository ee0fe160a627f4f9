/**
 * Tokenizer for authentication header values (RFC 7235): a scheme, then either a token68 or a
 * comma-separated list of `name=value` / `name="quoted value"` parameters; several challenges may
 * share one `WWW-Authenticate` value.
 */
import { RtspParseError } from './errors.ts';

/** One scheme with its parameters (names lower-cased) or its token68. */
export interface AuthItem {
  scheme: string;
  params: Record<string, string>;
  token68?: string;
}

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*/;

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  skipSpacesAndCommas(): void {
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === ',') this.pos++;
  }

  token(): string {
    const start = this.pos;
    while (!this.done && TOKEN_CHAR.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  quoted(): string {
    this.pos++; // opening quote
    let out = '';
    while (!this.done) {
      const c = this.peek();
      this.pos++;
      if (c === '"') return out;
      if (c === '\\') {
        if (this.done) break;
        out += this.peek();
        this.pos++;
      } else {
        out += c;
      }
    }
    throw new RtspParseError('unterminated quoted string in authentication header');
  }
}

/** Reads `name=value` parameters until the next scheme or the end. */
function readParams(c: Cursor): Record<string, string> {
  const params: Record<string, string> = {};
  for (;;) {
    const save = c.pos;
    c.skipSpacesAndCommas();
    if (c.done) return params;
    const name = c.token();
    c.skipSpaces();
    if (name.length === 0 || c.peek() !== '=') {
      if (name.length === 0) {
        throw new RtspParseError(
          `unexpected ${JSON.stringify(c.peek())} in authentication header at ${c.pos}`,
        );
      }
      c.pos = save; // a new scheme starts here
      return params;
    }
    c.pos++;
    c.skipSpaces();
    let value: string;
    if (c.peek() === '"') {
      value = c.quoted();
    } else {
      const start = c.pos;
      while (!c.done && c.peek() !== ',' && c.peek() !== ' ' && c.peek() !== '\t') c.pos++;
      value = c.text.slice(start, c.pos);
    }
    params[name.toLowerCase()] = value;
  }
}

/** Parses an authentication header value into its schemes; throws `RtspParseError` if malformed. */
export function parseAuthItems(value: string): AuthItem[] {
  const c = new Cursor(value);
  const items: AuthItem[] = [];
  for (;;) {
    c.skipSpacesAndCommas();
    if (c.done) break;
    const scheme = c.token();
    if (scheme.length === 0) {
      throw new RtspParseError(
        `expected an authentication scheme at ${JSON.stringify(value.slice(c.pos, c.pos + 20))}`,
      );
    }
    c.skipSpaces();
    const rest = value.slice(c.pos);
    const t68 = TOKEN68.exec(rest);
    if (t68 !== null) {
      const after = rest.slice(t68[0].length).trimStart();
      if (after.length === 0 || after.startsWith(',')) {
        c.pos += t68[0].length;
        items.push({ scheme, params: {}, token68: t68[0] });
        continue;
      }
    }
    items.push({ scheme, params: readParams(c) });
  }
  return items;
}

/** Quotes a value as an RFC 7230 quoted-string. */
export function quote(value: string): string {
  if (/[\r\n\0]/.test(value)) throw new RtspParseError('line break in an authentication value');
  return `"${value.replace(/["\\]/g, (m) => `\\${m}`)}"`;
}
