import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ZipReader } from './zip-reader.ts';
import { checkEntryName, ZipWriter } from './zip-writer.ts';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'vedetta-zip-'));

describe('zip writer and reader', () => {
  it('writes stored entries that unzip and Python read back, with CRC and SHA-256', async () => {
    const dir = tmp();
    const file = path.join(dir, 'p.zip');
    const w = await ZipWriter.create(file, Date.UTC(2026, 2, 1, 10, 0, 0));
    const a = Buffer.from('ciao\n');
    const big = Buffer.alloc(3_000_000, 7);
    const ia = await w.addFile('LEGGIMI.txt', a);
    const sink = await w.beginEntry('cameras/cam-001/video.mp4', big.length);
    await sink.write(big.subarray(0, 1_000_000));
    await sink.write(big.subarray(1_000_000));
    const ib = await sink.end();
    await w.finish();
    expect(ia.sha256).toBe(createHash('sha256').update(a).digest('hex'));
    expect(ib.crc32).toBe(crc32(big) >>> 0);
    execFileSync('unzip', ['-tq', file]);
    const py = execFileSync('python3', [
      '-c',
      'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip(), [(i.filename, i.file_size) for i in z.infolist()])',
      file,
    ]).toString();
    expect(py).toContain("None [('LEGGIMI.txt', 5), ('cameras/cam-001/video.mp4', 3000000)]");

    const r = await ZipReader.open(file);
    try {
      expect(r.entries.map((e) => e.name)).toEqual(['LEGGIMI.txt', 'cameras/cam-001/video.mp4']);
      const e = r.entry('cameras/cam-001/video.mp4');
      if (!e) throw new Error('missing entry');
      expect(e.dataOffset).toBe(ib.dataOffset);
      expect((await r.readRange(e, 999_999, 3)).equals(Buffer.from([7, 7, 7]))).toBe(true);
      const le = r.entry('LEGGIMI.txt');
      if (!le) throw new Error('missing entry');
      expect((await r.read(le)).toString()).toBe('ciao\n');
    } finally {
      await r.close();
    }
  });

  it('reads deflated entries made by Info-ZIP', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'a.txt'), 'abc'.repeat(1000));
    execFileSync('zip', ['-q', 'z.zip', 'a.txt'], { cwd: dir });
    const r = await ZipReader.open(path.join(dir, 'z.zip'));
    const e = r.entry('a.txt');
    if (!e) throw new Error('missing entry');
    expect(e.method).toBe(8);
    expect((await r.read(e)).toString()).toBe('abc'.repeat(1000));
    await r.close();
  });

  it('adds ZIP64 end records when the entry count needs them', async () => {
    const dir = tmp();
    const file = path.join(dir, 'many.zip');
    const w = await ZipWriter.create(file, Date.UTC(2026, 0, 1));
    for (let i = 0; i < 65_536; i++) await w.addFile(`f/${i}`, Buffer.from([i & 0xff]));
    await w.finish();
    const r = await ZipReader.open(file);
    expect(r.entries.length).toBe(65_536);
    await r.close();
    const py = execFileSync('python3', [
      '-c',
      'import zipfile,sys; print(len(zipfile.ZipFile(sys.argv[1]).infolist()))',
      file,
    ]).toString();
    expect(py.trim()).toBe('65536');
  });

  it('refuses unsafe names, duplicates, wrong sizes and non-archives', async () => {
    expect(() => checkEntryName('../x')).toThrow(/safe relative path/);
    expect(() => checkEntryName('/etc/passwd')).toThrow(/safe relative path/);
    const dir = tmp();
    const w = await ZipWriter.create(path.join(dir, 'x.zip'), 0);
    await w.addFile('a', Buffer.from('1'));
    await expect(w.addFile('a', Buffer.from('2'))).rejects.toThrow(/added twice/);
    const s = await w.beginEntry('b', 2);
    await s.write(Buffer.from('1'));
    await expect(s.end()).rejects.toThrow(/1 of 2 bytes/);
    await w.abort();
    const junk = path.join(dir, 'junk.zip');
    writeFileSync(junk, Buffer.alloc(100, 1));
    await expect(ZipReader.open(junk)).rejects.toThrow(/end-of-central-directory/);
    expect(readFileSync(junk).length).toBe(100);
  });
});
