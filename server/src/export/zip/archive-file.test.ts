import { mkdtempSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveFile, skipBytes } from './archive-file.ts';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'vedetta-archive-'));

describe('archive file', () => {
  it('writes buffers in order at their positions, with writeback started as it grows', async () => {
    const file = path.join(tmp(), 'a.zip');
    // A writeback after every 100 bytes: several start while the later writes go on.
    const out = new ArchiveFile(await open(file, 'w'), file, 100);
    const parts = Array.from({ length: 50 }, (_, i) => Buffer.alloc(37 + i, i));
    let at = 0;
    for (let i = 0; i < parts.length; i += 5) {
      const group = parts.slice(i, i + 5);
      await out.write(group, at);
      at += group.reduce((n, b) => n + b.length, 0);
    }
    await out.write([Buffer.from('PK')], 3); // a patch in place, like a CRC
    await out.sync();
    await out.close();
    const expected = Buffer.concat(parts);
    expected.write('PK', 3);
    expect(readFileSync(file).equals(expected)).toBe(true);
  });

  it('skips whole and partial buffers after a short write', () => {
    const chunks = [Buffer.from('abc'), Buffer.from(''), Buffer.from('defg'), Buffer.from('h')];
    const text = (cs: Uint8Array[]) => cs.map((c) => Buffer.from(c).toString()).join('|');
    expect(text(skipBytes(chunks, 0))).toBe('abc|defg|h');
    expect(text(skipBytes(chunks, 3))).toBe('defg|h');
    expect(text(skipBytes(chunks, 5))).toBe('fg|h');
    expect(text(skipBytes(chunks, 8))).toBe('');
  });
});
