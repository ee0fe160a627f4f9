/**
 * The evidence package end to end, below HTTP: a recording with a segment boundary and a gap is
 * exported; the MP4 decodes cleanly in ffmpeg, lasts the requested range within one GOP, crosses
 * the boundary and marks the gap; the package verifies offline (and with sha256sum and openssl);
 * changing one byte of any file makes the verifier fail and name that file.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { runCli } from '../../src/cli/run.ts';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegPath } from '../../src/app/ffmpeg.ts';
import { writePackage, type PackageRequest } from '../../src/export/package-writer.ts';
import { manifestSchema } from '../../src/export/package-format.ts';
import { verifyPackage } from '../../src/export/verify/verify-package.ts';
import { ZipReader } from '../../src/export/zip/zip-reader.ts';
import { ZipWriter } from '../../src/export/zip/zip-writer.ts';
import { RecordedFiles } from '../../src/recording/recorded-files.ts';
import { recordSynthetic } from '../../src/playback/synthetic-recording.ts';
import {
  ffmpegDecodeErrors,
  loadTestClip,
  probe,
  tempInstallation,
  type Installation,
} from './playback-export-fixtures.ts';

const run = promisify(execFile);
const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
const S = 1000;

describe('evidence package', () => {
  let inst: Installation;
  let zipPath: string;
  const req = (): PackageRequest => ({
    exportId: 'exp-test-1',
    createdMs: T0 + 200 * S,
    timeZone: 'Europe/Rome',
    cameras: [{ id: 'cam-001', name: 'Via Roma' }],
    fromMs: T0 + 20_500,
    toMs: T0 + 120_200,
    exporter: {
      userId: 'u1',
      username: 'rossi',
      displayName: 'Mario Rossi',
      agencyId: 'pm',
      agencyName: 'Polizia Municipale',
    },
    reason: 'furto in via Roma',
    caseReference: 'RGNR 1234/2026',
    recipient: 'Procura della Repubblica di La Spezia',
  });

  beforeAll(async () => {
    inst = await tempInstallation();
    const clip = await loadTestClip();
    await recordSynthetic({
      db: inst.db,
      storageRoot: inst.storageRoot,
      key: inst.key,
      cameraId: 'cam-001',
      clip,
      fromMs: T0,
      toMs: T0 + 150 * S,
      gaps: [{ fromMs: T0 + 70 * S, toMs: T0 + 85 * S, cause: 'offline' }],
    });
    zipPath = path.join(inst.dir, 'package.zip');
    const progress: number[] = [];
    const result = await writePackage(
      { recordingDb: inst.db, files: new RecordedFiles(inst.storageRoot), key: inst.key },
      req(),
      zipPath,
      { onProgress: (f) => progress.push(f) },
    );
    expect(result.frames['cam-001']).toBeGreaterThan(2000);
    expect(progress[progress.length - 1]).toBe(1);
  });

  afterAll(async () => {
    await inst.db.destroy();
  });

  it('holds an MP4 that decodes cleanly, spans the range within one GOP and marks the gap', async () => {
    const out = path.join(inst.dir, 'unpacked');
    mkdirSync(out);
    await run('unzip', ['-q', zipPath, '-d', out]);
    const video = path.join(out, 'cameras/cam-001/video.mp4');
    expect(await ffmpegDecodeErrors(video)).toBe('');
    const p = await probe(video);
    expect(Math.abs(p.duration - 99.7)).toBeLessThan(1); // GOP is 1 s
    expect(p.streams.map((s) => s.codec_type)).toEqual(['video', 'subtitle']);
    const manifest = manifestSchema.parse(
      JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')),
    );
    const cam = manifest.cameras[0];
    expect(cam?.gaps.map((g) => [g.from.ms - T0, g.to.ms - T0, g.cause])).toEqual([
      [70_000, 85_000, 'offline'],
    ]);
    expect(cam?.exported.from.ms).toBe(T0 + 20_000); // the key frame before 20.5 s
    expect(manifest.range.from.local).toBe('2026-03-01T11:00:20.500+01:00');
    // Frames on both sides of the 60 s segment boundary and of the gap: 100 s of range minus
    // the 15 s gap, at 25 fps.
    expect(cam?.exported.frames).toBe(Math.round((100.2 - 15) * 25));
    // Standard tools agree with the manifest.
    await run('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: out });
    await run(
      'openssl',
      [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'public-key.pem',
        '-rawin',
        '-in',
        'manifest.json',
        '-sigfile',
        'manifest.sig',
      ],
      { cwd: out },
    );
    // The subtitle track carries the wall clock and the gap.
    const { stdout } = await run(ffmpegPath(), [
      '-v',
      'error',
      '-i',
      video,
      '-map',
      '0:s',
      '-f',
      'srt',
      '-',
    ]);
    expect(stdout).toContain('2026-03-01 10:00:20 UTC · 11:00:20 +01:00 (Europe/Rome)');
    expect(stdout).toContain('NO RECORDING (offline) 10:01:10–10:01:25 UTC');
  });

  it('verifies offline, with the key given separately', async () => {
    const r = await verifyPackage(zipPath, { publicKeyPem: inst.key.publicKeyPem });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.passed.join('\n')).toMatch(/all \d+ frames are byte-identical/);
    // The same checks, structured for the verification page's languages.
    expect(r.checks.map((c) => c.kind)).toEqual(['signed', 'files', 'frames']);
    expect(r.checks[2]).toMatchObject({ kind: 'frames', video: 'cameras/cam-001/video.mp4' });
  });

  it('vedetta verify exits 0 on the package and 1 naming the altered file; keys show prints the key', async () => {
    const pem = path.join(inst.dir, 'key.pem');
    writeFileSync(pem, inst.key.publicKeyPem);
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      out: (l: string) => void out.push(l),
      err: (l: string) => void err.push(l),
      readStdin: () => Promise.resolve(''),
      stopSignal: () => new Promise<string>(() => undefined),
    };
    expect(await runCli(['verify', zipPath, '--public-key', pem], io)).toBe(0);
    expect(out.join('\n')).toContain('VERIFIED');
    expect(await runCli(['keys', 'show', '--data', inst.dir], io)).toBe(0);
    expect(out.join('\n')).toContain(`fingerprint (SHA-256): ${inst.key.fingerprint}`);
    // The real command, as a recipient runs it, on a package with one byte changed.
    const bad = path.join(inst.dir, 'bad.zip');
    copyFileSync(zipPath, bad);
    const zip = await ZipReader.open(bad);
    const readme = zip.entry('LEGGIMI.txt');
    await zip.close();
    const fd = openSync(bad, 'r+');
    writeSync(fd, Buffer.from('X'), 0, 1, (readme?.dataOffset ?? 0) + 10);
    closeSync(fd);
    const res = await run('node', [
      'server/bin/vedetta.mjs',
      'verify',
      bad,
      '--public-key',
      pem,
    ]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('FAILED:  LEGGIMI.txt: differs from the manifest');
  });

  it('fails and names the file when one byte of any file changes', async () => {
    const zip = await ZipReader.open(zipPath);
    const entries = zip.entries.map((e) => ({ name: e.name, at: e.dataOffset, size: e.size }));
    await zip.close();
    for (const e of entries) {
      const copy = path.join(inst.dir, `tampered-${e.name.replace(/\//g, '_')}.zip`);
      copyFileSync(zipPath, copy);
      const fd = openSync(copy, 'r+');
      const at = e.at + Math.floor(e.size / 2);
      const b = Buffer.alloc(1);
      readSync(fd, b, 0, 1, at);
      b[0] = (b[0] ?? 0) ^ 0x01;
      writeSync(fd, b, 0, 1, at);
      closeSync(fd);
      const r = await verifyPackage(copy, { publicKeyPem: inst.key.publicKeyPem });
      expect(r.ok, e.name).toBe(false);
      const named = r.problems.map((p) => p.file);
      const expected = e.name === 'manifest.json' ? ['manifest.sig', 'manifest.json'] : [e.name];
      expect(
        named.some((f) => expected.includes(f)),
        `${e.name}: ${JSON.stringify(r.problems)}`,
      ).toBe(true);
      const kinds = r.problems.map((p) => p.kind);
      // The signed manifest, its signature and the key are checked by signature, the rest by hash.
      const bySignature =
        ['manifest.json', 'manifest.sig'].includes(e.name) || e.name.endsWith('.pem');
      expect(kinds, e.name).toContain(bySignature ? 'signature' : 'altered');
    }
  });

  it('catches a frame altered by someone holding the export key (unchanged since recorded)', async () => {
    // An insider re-signs a manifest over a video with one altered frame: the export signature
    // and every file hash hold, but the frame no longer matches the recorder's signature.
    const zip = await ZipReader.open(zipPath);
    const files = new Map<string, Buffer>();
    for (const e of zip.entries) files.set(e.name, await zip.read(e));
    await zip.close();
    const video = files.get('cameras/cam-001/video.mp4');
    if (!video) throw new Error('no video');
    const at = video.length - 200_000; // inside the mdat, well past the moov
    video[at] = (video[at] ?? 0) ^ 0xff;
    const manifest = manifestSchema.parse(JSON.parse(files.get('manifest.json')?.toString() ?? ''));
    for (const f of manifest.files) {
      const bytes = files.get(f.path);
      if (bytes) f.sha256 = createHash('sha256').update(bytes).digest('hex');
    }
    const sums = manifest.files
      .filter((f) => f.path !== 'SHA256SUMS' && f.path !== 'SHA256SUMS.sig')
      .map((f) => `${f.sha256}  ${f.path}\n`)
      .join('');
    files.set('SHA256SUMS', Buffer.from(sums));
    const sumsSig = inst.key.sign(Buffer.from(sums));
    files.set('SHA256SUMS.sig', sumsSig);
    const sumsEntry = manifest.files.find((f) => f.path === 'SHA256SUMS');
    if (sumsEntry) sumsEntry.sha256 = createHash('sha256').update(sums).digest('hex');
    const sigEntry = manifest.files.find((f) => f.path === 'SHA256SUMS.sig');
    if (sigEntry) sigEntry.sha256 = createHash('sha256').update(sumsSig).digest('hex');
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
    files.set('manifest.json', manifestBytes);
    files.set('manifest.sig', inst.key.sign(manifestBytes));
    const forged = path.join(inst.dir, 'forged.zip');
    const w = await ZipWriter.create(forged, T0);
    for (const [name, bytes] of files) await w.addFile(name, bytes);
    await w.finish();
    const r = await verifyPackage(forged, { publicKeyPem: inst.key.publicKeyPem });
    expect(r.ok).toBe(false);
    expect(r.passed.join('\n')).toMatch(/manifest.json is signed/);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.file).toBe('cameras/cam-001/video.mp4');
    expect(r.problems[0]?.frame).toBeGreaterThan(0);
    expect(r.problems[0]?.message).toMatch(/differ from what the recorder signed/);
    expect(r.problems[0]?.kind).toBe('frames');
  });
});
