import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clipPictures, nalType } from './clip-pictures.ts';
import { normaliseClip } from './clip-spec.ts';
import { MediaCache } from './media-cache.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vedetta-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each(['h264', 'h265'] as const)('%s clip generation', (codec) => {
  const spec = normaliseClip({
    codec,
    width: 320,
    height: 180,
    gopSeconds: 1,
    loopSeconds: 2,
    label: 'cam-test  Via Roma',
  });

  it('encodes once, then serves the cached file', async () => {
    const cache = new MediaCache({ dir });
    const file = await cache.ensure(spec);
    const mtime = fs.statSync(file).mtimeMs;
    expect(await new MediaCache({ dir }).ensure(spec)).toBe(file);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('holds whole GOPs, each opened by parameter sets and a key frame', async () => {
    const file = await new MediaCache({ dir }).ensure(spec);
    const clip = clipPictures(codec, new Uint8Array(fs.readFileSync(file)));
    expect(clip.pictures).toHaveLength(50);
    const keys = clip.pictures.flatMap((p, i) => (p.isKey ? [i] : []));
    expect(keys).toEqual([0, 25]);
    const psTypes = codec === 'h264' ? [7, 8] : [32, 33, 34];
    for (const k of keys) {
      const types = clip.pictures[k]?.nalus.map((n) => nalType(codec, n)) ?? [];
      for (const t of psTypes) expect(types).toContain(t);
    }
    expect(clip.params.codec).toBe(codec);
  });
});

describe('clip generation without fonts', () => {
  it('falls back to the testsrc pattern and says so in the file name', async () => {
    const spec = normaliseClip({ codec: 'h264', width: 160, height: 90, loopSeconds: 2 });
    const cache = new MediaCache({ dir, fonts: null });
    const file = await cache.ensure(spec);
    expect(path.basename(file)).toContain('-notext');
    expect(clipPictures('h264', new Uint8Array(fs.readFileSync(file))).pictures).toHaveLength(50);
  });
});
