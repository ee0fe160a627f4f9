import { Mp4Error } from './mp4-error.ts';

/**
 * Building blocks for writing ISO BMFF boxes: a byte writer for box payloads and `box`/`fullBox`
 * that prefix a payload with its size and type. Used for the init segment, where clarity matters
 * more than speed; fragments are written directly (see `fragment-writer.ts`).
 */

/** Accumulates big-endian fields of a box payload. */
export class ByteWriter {
  private readonly parts: Uint8Array[] = [];
  private length = 0;

  /** Appends an 8-bit unsigned integer. */
  u8(v: number): this {
    return this.fixed(1, v);
  }

  /** Appends a 16-bit unsigned integer. */
  u16(v: number): this {
    return this.fixed(2, v);
  }

  /** Appends a 32-bit unsigned integer. */
  u32(v: number): this {
    return this.fixed(4, v);
  }

  /** Appends a 64-bit unsigned integer (a safe JavaScript integer). */
  u64(v: number): this {
    if (!Number.isSafeInteger(v) || v < 0) throw new Mp4Error(`cannot write ${v} as u64`);
    this.fixed(4, Math.floor(v / 2 ** 32));
    return this.fixed(4, v % 2 ** 32);
  }

  /** Appends a four-character code. */
  fourcc(code: string): this {
    return this.bytes(fourccBytes(code));
  }

  /** Appends raw bytes. */
  bytes(b: Uint8Array): this {
    this.parts.push(b);
    this.length += b.length;
    return this;
  }

  /** Appends `n` zero bytes. */
  zeros(n: number): this {
    return this.bytes(new Uint8Array(n));
  }

  /** The bytes written so far, as one array. */
  finish(): Uint8Array {
    return concat(this.parts, this.length);
  }

  private fixed(size: number, v: number): this {
    if (!Number.isInteger(v) || v < 0 || v >= 2 ** (8 * size)) {
      throw new Mp4Error(`cannot write ${v} in ${size} byte(s)`);
    }
    const b = new Uint8Array(size);
    let x = v;
    for (let i = size - 1; i >= 0; i--) {
      b[i] = x % 256;
      x = Math.floor(x / 256);
    }
    return this.bytes(b);
  }
}

/** A box: 32-bit size, four-character type, then the payload parts. */
export function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  let size = 8;
  for (const p of payload) size += p.length;
  if (size >= 2 ** 32) throw new Mp4Error(`box '${type}' is too large (${size} bytes)`);
  const header = new ByteWriter().u32(size).fourcc(type).finish();
  return concat([header, ...payload], size);
}

/** A full box: a box whose payload starts with an 8-bit version and 24-bit flags. */
export function fullBox(
  type: string,
  version: number,
  flags: number,
  ...payload: Uint8Array[]
): Uint8Array {
  const vf = new ByteWriter()
    .u8(version)
    .u8((flags >>> 16) & 0xff)
    .u16(flags & 0xffff)
    .finish();
  return box(type, vf, ...payload);
}

/** The four bytes of a four-character code. */
export function fourccBytes(code: string): Uint8Array {
  if (code.length !== 4) throw new Mp4Error(`'${code}' is not a four-character code`);
  const b = new Uint8Array(4);
  for (let i = 0; i < 4; i++) b[i] = code.charCodeAt(i) & 0xff;
  return b;
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
