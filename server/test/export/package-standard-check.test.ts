/**
 * The standard-tool check that an evidence package's own readme gives, run literally: its
 * commands are taken from the generated `README.txt` and `LEGGIMI.txt` of a real package and run
 * with `sh` (coreutils `sha256sum`, OpenSSL 3) in the unpacked folder. An untouched package
 * passes; one whose video was altered with `SHA256SUMS` rewritten to match (which `sha256sum -c`
 * and the manifest's signature both accept) fails, because `SHA256SUMS` is signed too. The
 * verifier reports that forgery as well, still verifies packages written before `SHA256SUMS.sig`
 * existed, and requires the signature where the manifest lists it.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.ts';
import { manifestSchema } from '../../src/export/package-format.ts';
import { verifyPackage } from '../../src/export/verify/verify-package.ts';
import { ZipReader } from '../../src/export/zip/zip-reader.ts';
import { ZipWriter } from '../../src/export/zip/zip-writer.ts';
import {
  recordAndExport,
  tempInstallation,
  type Installation,
} from '../e2e/playback-export-fixtures.ts';

const run = promisify(execFile);
const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
const VIDEO = 'cameras/cam-001/video.mp4';

/** Runs one command line with `sh` in `cwd`: its exit status and its output. */
async function sh(command: string, cwd: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('sh', ['-c', command], { cwd });
    return { code: 0, output: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, output: (err.stdout ?? '') + (err.stderr ?? '') };
  }
}

/**
 * The commands of a readme's standard-tool step ("2."), exactly as printed: the lines indented by
 * five spaces between the line that starts step 2 and the one that starts step 3.
 */
function standardCommands(readme: string): string[] {
  const lines = readme.split('\n');
  const from = lines.findIndex((l) => l.startsWith('2. '));
  const to = lines.findIndex((l) => l.startsWith('3. '));
  expect(from, 'the readme has a step 2').toBeGreaterThan(0);
  expect(to, 'the readme has a step 3').toBeGreaterThan(from);
  return lines
    .slice(from + 1, to)
    .filter((l) => /^ {5}\S/.test(l))
    .map((l) => l.trim());
}

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

async function readAll(zipPath: string): Promise<Map<string, Buffer>> {
  const zip = await ZipReader.open(zipPath);
  try {
    const files = new Map<string, Buffer>();
    for (const e of zip.entries) files.set(e.name, await zip.read(e));
    return files;
  } finally {
    await zip.close();
  }
}

async function writeAll(zipPath: string, files: ReadonlyMap<string, Buffer>): Promise<void> {
  const w = await ZipWriter.create(zipPath, T0);
  for (const [name, bytes] of files) await w.addFile(name, bytes);
  await w.finish();
}

/** The manifest of `files` with every listed file's size and hash recomputed, and signed. */
function resign(files: Map<string, Buffer>, key: Installation['key']): void {
  const manifest = manifestSchema.parse(JSON.parse(files.get('manifest.json')?.toString() ?? ''));
  manifest.files = manifest.files.filter((f) => files.has(f.path));
  for (const f of manifest.files) {
    const bytes = files.get(f.path);
    if (bytes) Object.assign(f, { size: bytes.length, sha256: sha256(bytes) });
  }
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  files.set('manifest.json', manifestBytes);
  files.set('manifest.sig', key.sign(manifestBytes));
}

/** Flips one byte in the middle of the video (inside its `mdat`). */
function flipVideoByte(video: Buffer): void {
  const at = Math.floor(video.length / 2);
  video[at] = (video[at] ?? 0) ^ 0x01;
}

/** `SHA256SUMS` with the line of `name` rewritten to the hash of `bytes`. */
function rewriteSum(sums: string, name: string, bytes: Buffer): string {
  return sums
    .split('\n')
    .map((l) => (l.endsWith(`  ${name}`) ? `${sha256(bytes)}  ${name}` : l))
    .join('\n');
}

describe('the readme standard-tool check', () => {
  let inst: Installation;
  let zipPath: string;
  let unpacked: string;
  let commands: string[];

  beforeAll(async () => {
    inst = await tempInstallation();
    zipPath = await recordAndExport(inst, 'exp-sums', T0);
    unpacked = path.join(inst.dir, 'unpacked');
    mkdirSync(unpacked);
    await run('unzip', ['-q', zipPath, '-d', unpacked]);
    const en = standardCommands(readFileSync(path.join(unpacked, 'README.txt'), 'utf8'));
    const italian = standardCommands(readFileSync(path.join(unpacked, 'LEGGIMI.txt'), 'utf8'));
    expect(italian).toEqual(en);
    commands = en;
  });

  afterAll(async () => {
    await inst.db.destroy();
  });

  it('passes on the untouched package, printing the key fingerprint', async () => {
    expect(commands).toContain('sha256sum -c SHA256SUMS');
    expect(commands.filter((c) => c.startsWith('openssl pkeyutl -verify')).length).toBe(2);
    const results = [];
    for (const c of commands) results.push({ command: c, ...(await sh(c, unpacked)) });
    for (const r of results) expect(r.code, `${r.command}\n${r.output}`).toBe(0);
    expect(results[0]?.output).toContain(inst.key.fingerprint);
    expect(results.map((r) => r.output).join('\n')).toMatch(/Signature Verified Successfully/);
  });

  it('fails on a video altered with SHA256SUMS rewritten to match', async () => {
    const forged = path.join(inst.dir, 'forged');
    cpSync(unpacked, forged, { recursive: true });
    const video = readFileSync(path.join(forged, VIDEO));
    flipVideoByte(video);
    writeFileSync(path.join(forged, VIDEO), video);
    const sums = readFileSync(path.join(forged, 'SHA256SUMS'), 'utf8');
    writeFileSync(path.join(forged, 'SHA256SUMS'), rewriteSum(sums, VIDEO, video));
    // The forgery is a good one: the hash check and the manifest's signature alone accept it.
    expect((await sh('sha256sum -c SHA256SUMS', forged)).code).toBe(0);
    expect(
      (
        await sh(
          'openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig',
          forged,
        )
      ).code,
    ).toBe(0);
    // The readme's procedure, command by command, does not.
    const failed: string[] = [];
    for (const c of commands) {
      const r = await sh(c, forged);
      if (r.code !== 0) failed.push(`${c}\n${r.output}`);
    }
    expect(failed.length, 'some command of the readme fails').toBeGreaterThan(0);
    expect(failed.join('\n')).toContain('-in SHA256SUMS -sigfile SHA256SUMS.sig');
    expect(failed.join('\n')).toMatch(/Signature Verification Failure/);
    expect((await sh(`set -e\n${commands.join('\n')}`, forged)).code).not.toBe(0);

    // The same forgery as a package: the verifier names the video and SHA256SUMS.
    const files = await readAll(zipPath);
    files.set(VIDEO, video);
    files.set('SHA256SUMS', readFileSync(path.join(forged, 'SHA256SUMS')));
    const forgedZip = path.join(inst.dir, 'forged.zip');
    await writeAll(forgedZip, files);
    const r = await verifyPackage(forgedZip, { publicKeyPem: inst.key.publicKeyPem });
    expect(r.ok).toBe(false);
    const named = r.problems.map((p) => `${p.file}: ${p.kind}`);
    expect(named).toContain(`${VIDEO}: altered`);
    expect(named).toContain('SHA256SUMS: altered');
    const err: string[] = [];
    const io = {
      out: () => undefined,
      err: (l: string) => void err.push(l),
      readStdin: () => Promise.resolve(''),
      stopSignal: () => new Promise<string>(() => undefined),
    };
    expect(await runCli(['verify', forgedZip, '--fingerprint', inst.key.fingerprint], io)).toBe(1);
    expect(err.join('\n')).toContain(`FAILED:  ${VIDEO}: differs from the manifest`);
  });

  it('catches SHA256SUMS signed with another key, and a missing SHA256SUMS.sig', async () => {
    const other = await tempInstallation();
    try {
      const files = await readAll(zipPath);
      const sums = files.get('SHA256SUMS') ?? Buffer.alloc(0);
      files.set('SHA256SUMS.sig', other.key.sign(sums));
      const zipOther = path.join(inst.dir, 'sums-other-key.zip');
      await writeAll(zipOther, files);
      const r = await verifyPackage(zipOther, { publicKeyPem: inst.key.publicKeyPem });
      expect(r.problems.map((p) => `${p.file}: ${p.kind}`)).toEqual(['SHA256SUMS.sig: altered']);
      // Even under a manifest that lists it (signed by the installation key).
      resign(files, inst.key);
      await writeAll(zipOther, files);
      const r1 = await verifyPackage(zipOther, { publicKeyPem: inst.key.publicKeyPem });
      expect(r1.problems.map((p) => `${p.file}: ${p.kind}`)).toEqual(['SHA256SUMS.sig: signature']);
      files.delete('SHA256SUMS.sig');
      const zipNone = path.join(inst.dir, 'sums-no-sig.zip');
      await writeAll(zipNone, files);
      const r2 = await verifyPackage(zipNone, { publicKeyPem: inst.key.publicKeyPem });
      expect(r2.ok).toBe(false);
      expect(r2.problems.map((p) => `${p.file}: ${p.kind}`)).toContain('SHA256SUMS.sig: missing');
    } finally {
      await other.db.destroy();
    }
  });

  it('refuses a SHA256SUMS, signed by the key, that lists less than the manifest', async () => {
    // Someone holding the key signs a SHA256SUMS without the video's line: the standard check
    // would then not look at the video, so the verifier requires the two lists to agree.
    const files = await readAll(zipPath);
    const sums = Buffer.from(
      (files.get('SHA256SUMS')?.toString('utf8') ?? '')
        .split('\n')
        .filter((l) => !l.endsWith(`  ${VIDEO}`))
        .join('\n'),
    );
    files.set('SHA256SUMS', sums);
    files.set('SHA256SUMS.sig', inst.key.sign(sums));
    resign(files, inst.key);
    const zip = path.join(inst.dir, 'sums-short.zip');
    await writeAll(zip, files);
    const r = await verifyPackage(zip, { publicKeyPem: inst.key.publicKeyPem });
    expect(r.problems).toEqual([
      expect.objectContaining({ file: 'SHA256SUMS', kind: 'malformed' }),
    ]);
  });

  it('still verifies a package written before SHA256SUMS was signed', async () => {
    // What the writer produced before: the same files but SHA256SUMS.sig, which the manifest
    // then did not list.
    const files = await readAll(zipPath);
    expect(files.has('SHA256SUMS.sig')).toBe(true);
    files.delete('SHA256SUMS.sig');
    resign(files, inst.key);
    const old = path.join(inst.dir, 'old-format.zip');
    await writeAll(old, files);
    const r = await verifyPackage(old, { publicKeyPem: inst.key.publicKeyPem });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => c.kind)).toEqual(['signed', 'files', 'frames']);
  });
});
