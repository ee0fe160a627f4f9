/**
 * The offline verifier of an evidence package: needs only the package and the installation's
 * key pinned from a source other than the package (the public key, or its fingerprint as the
 * installation publishes it). It checks, and reports by file, frame or signature whatever fails:
 * 1. the key: the one given, or the package's own, which must then have the fingerprint given;
 *    with neither, the report is not `ok` even when every check holds (`pinned` false), since a
 *    package re-signed throughout with any other key would pass;
 * 2. "unchanged since exported": the Ed25519 signature of `manifest.json` in `manifest.sig`;
 * 3. every file's size and SHA-256 against the manifest, and no file unlisted or missing; the
 *    signature of `SHA256SUMS` in `SHA256SUMS.sig` (packages written before it have none and
 *    their manifest does not list one), and that `SHA256SUMS` lists what the manifest lists, so
 *    that the standard-tool check of the readme checks the same hashes;
 * 4. "unchanged since recorded": every frame of every video against the recorder's signatures.
 */
import { createHash } from 'node:crypto';
import { isAppError } from '../../app/index.ts';
import { parseFingerprint, publicKeyFromPem, type PublicKeyInfo } from '../../keys/index.ts';
import {
  manifestSchema,
  PACKAGE_FILES,
  provenanceSchema,
  type Manifest,
} from '../package-format.ts';
import { ZipReader } from '../zip/zip-reader.ts';
import { checkFrames } from './frames-check.ts';
import type { VerifyCheck, VerifyProblemKind } from './report-types.ts';

export type { VerifyCheck, VerifyProblemKind } from './report-types.ts';

/** One failed check: the file (and frame) concerned and what is wrong. */
export interface VerifyProblem {
  file: string;
  frame?: number;
  kind: VerifyProblemKind;
  message: string;
}

/** The verifier's answer. */
export interface VerifyReport {
  ok: boolean;
  problems: VerifyProblem[];
  /** What was checked and held, in plain words (English). */
  passed: string[];
  /** The same checks, structured, in the same order. */
  checks: VerifyCheck[];
  /** Fingerprint of the key used to check signatures. */
  fingerprint?: string;
  /** True when the key came from the package itself (not given separately). */
  keyFromPackage: boolean;
  /**
   * True when the key was pinned: given separately, or the package's own checked against a
   * fingerprint given separately. Without a pin `ok` is false even when `problems` is empty.
   */
  pinned: boolean;
  manifest?: Manifest;
}

/** How the verifier pins the installation key; both come from a source other than the package. */
export interface VerifyOptions {
  /** The installation's public key (PEM). */
  publicKeyPem?: string;
  /** The SHA-256 fingerprint of the installation's public key, as published (`parseFingerprint`). */
  fingerprint?: string;
}

/** Verifies the package at `zipPath` against the key pinned by `opts`, if any. */
export async function verifyPackage(
  zipPath: string,
  opts: VerifyOptions = {},
): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [];
  const passed: string[] = [];
  const checks: VerifyCheck[] = [];
  const pass = (check: VerifyCheck, text: string): void => {
    checks.push(check);
    passed.push(text);
  };
  const pin = opts.fingerprint === undefined ? undefined : parseFingerprint(opts.fingerprint);
  const pinned = opts.publicKeyPem !== undefined || pin !== undefined;
  const report = (extra: Partial<VerifyReport> = {}): VerifyReport => ({
    ok: problems.length === 0 && pinned,
    problems,
    passed,
    checks,
    keyFromPackage: opts.publicKeyPem === undefined,
    pinned,
    ...extra,
  });
  if (opts.fingerprint !== undefined && pin === undefined) {
    problems.push({
      file: 'fingerprint given',
      kind: 'malformed',
      message: 'is not a SHA-256 fingerprint (64 hexadecimal digits)',
    });
    return report();
  }
  let zip: ZipReader;
  try {
    zip = await ZipReader.open(zipPath);
  } catch (e) {
    problems.push({
      file: zipPath,
      kind: 'unreadable',
      message: `not a readable package: ${messageOf(e)}`,
    });
    return report();
  }
  try {
    const readEntry = async (name: string): Promise<Buffer | undefined> => {
      const e = zip.entry(name);
      if (!e) {
        problems.push({ file: name, kind: 'missing', message: 'is missing from the package' });
        return undefined;
      }
      return zip.read(e);
    };
    const manifestBytes = await readEntry(PACKAGE_FILES.manifest);
    const signature = await readEntry(PACKAGE_FILES.signature);
    const packagedPem = await readEntry(PACKAGE_FILES.publicKey);
    if (!manifestBytes || !signature || !packagedPem) return report();

    // 1. The key.
    let key: PublicKeyInfo;
    try {
      key = publicKeyFromPem(opts.publicKeyPem ?? packagedPem.toString('utf8'));
    } catch (e) {
      const file = opts.publicKeyPem === undefined ? PACKAGE_FILES.publicKey : 'public key given';
      problems.push({ file, kind: 'malformed', message: messageOf(e) });
      return report();
    }
    if (opts.publicKeyPem !== undefined) {
      let packaged: PublicKeyInfo | undefined;
      try {
        packaged = publicKeyFromPem(packagedPem.toString('utf8'));
      } catch {
        packaged = undefined;
      }
      if (packaged?.fingerprint !== key.fingerprint) {
        problems.push({
          file: PACKAGE_FILES.publicKey,
          kind: 'signature',
          message: 'is not the public key given',
        });
      }
    }
    if (pin !== undefined && key.fingerprint !== pin) {
      problems.push({
        file: opts.publicKeyPem === undefined ? PACKAGE_FILES.publicKey : 'public key given',
        kind: 'signature',
        message: `has fingerprint ${key.fingerprint}, not the pinned ${pin}`,
      });
    }

    // 2. The export signature.
    if (!key.verify(manifestBytes, signature)) {
      problems.push({
        file: PACKAGE_FILES.signature,
        kind: 'signature',
        message:
          'the signature does not match manifest.json (one of them was altered, or another key signed)',
      });
    } else {
      pass(
        { kind: 'signed', fingerprint: key.fingerprint },
        `manifest.json is signed by the key ${key.fingerprint}`,
      );
    }
    let manifest: Manifest;
    try {
      manifest = manifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
    } catch (e) {
      problems.push({
        file: PACKAGE_FILES.manifest,
        kind: 'malformed',
        message: `is malformed: ${messageOf(e)}`,
      });
      return report({ fingerprint: key.fingerprint });
    }
    if (manifest.installation.publicKeyFingerprint !== key.fingerprint) {
      problems.push({
        file: PACKAGE_FILES.manifest,
        kind: 'signature',
        message: `names key ${manifest.installation.publicKeyFingerprint}, not ${key.fingerprint}`,
      });
    }

    // 3. Every file's hash.
    const listed = new Map(manifest.files.map((f) => [f.path, f]));
    for (const e of zip.entries) {
      if (e.name === PACKAGE_FILES.manifest || e.name === PACKAGE_FILES.signature) continue;
      if (!listed.has(e.name))
        problems.push({ file: e.name, kind: 'unlisted', message: 'is not listed in the manifest' });
    }
    let filesOk = true;
    const intact = new Map<string, Buffer>();
    for (const f of manifest.files) {
      const e = zip.entry(f.path);
      if (!e) {
        problems.push({
          file: f.path,
          kind: 'missing',
          message: 'is listed in the manifest but missing',
        });
        filesOk = false;
        continue;
      }
      const h = createHash('sha256');
      let size = 0;
      for await (const chunk of zip.chunks(e)) {
        h.update(chunk);
        size += chunk.length;
      }
      const digest = h.digest('hex');
      if (size !== f.size || digest !== f.sha256) {
        problems.push({
          file: f.path,
          kind: 'altered',
          message: 'differs from the manifest (SHA-256 mismatch): the file was altered',
        });
        filesOk = false;
      } else if (
        f.path === PACKAGE_FILES.checksums ||
        f.path === PACKAGE_FILES.checksumsSignature
      ) {
        intact.set(f.path, await zip.read(e));
      }
    }
    checkChecksums(manifest, intact, key, problems);
    if (filesOk)
      pass(
        { kind: 'files', count: manifest.files.length },
        `all ${manifest.files.length} files match their SHA-256 in the manifest`,
      );

    // 4. Frames against the recorder's signatures.
    for (const cam of manifest.cameras) {
      const provBytes = zip.entry(cam.provenance) ? await readEntry(cam.provenance) : undefined;
      const video = zip.entry(cam.video);
      if (!provBytes || !video) {
        problems.push({
          file: provBytes ? cam.video : cam.provenance,
          kind: 'missing',
          message: 'is missing from the package',
        });
        continue;
      }
      let prov;
      try {
        prov = provenanceSchema.parse(JSON.parse(provBytes.toString('utf8')));
      } catch (e) {
        problems.push({
          file: cam.provenance,
          kind: 'malformed',
          message: `is malformed: ${messageOf(e)}`,
        });
        continue;
      }
      if (prov.camera !== cam.id || prov.video !== cam.video) {
        problems.push({
          file: cam.provenance,
          kind: 'malformed',
          message: `describes ${prov.video}, not ${cam.video}`,
        });
        continue;
      }
      const reEncoded = cam.privacyMasks.burnedIn;
      const result = await checkFrames(
        prov,
        video.size,
        (start, length) => zip.readRange(video, start, length),
        key,
        cam.id,
        reEncoded,
      );
      for (const p of result.problems) {
        problems.push({
          file: p.message.startsWith('segment') ? cam.provenance : cam.video,
          ...(p.frame !== undefined ? { frame: p.frame } : {}),
          kind: p.kind,
          message: p.message,
        });
      }
      if (result.problems.length === 0 && reEncoded) {
        pass(
          {
            kind: 'masked',
            video: cam.video,
            frames: result.frames,
            segments: prov.segments.length,
          },
          `${cam.video}: privacy masks burned in (re-encoded, ${result.frames} frames): the recorder's signatures of its ${prov.segments.length} source segment(s) verify; the frames themselves cannot be compared with the recording`,
        );
      } else if (result.problems.length === 0) {
        if (result.frames !== cam.exported.frames) {
          problems.push({
            file: PACKAGE_FILES.manifest,
            kind: 'frames',
            message: `states ${cam.exported.frames} frames for ${cam.id}, the video has ${result.frames}`,
          });
        } else {
          pass(
            {
              kind: 'frames',
              video: cam.video,
              frames: result.frames,
              from: cam.exported.from.utc,
              to: cam.exported.to.utc,
            },
            `${cam.video}: all ${result.frames} frames are byte-identical to what the recorder signed (${cam.exported.from.utc} – ${cam.exported.to.utc})`,
          );
        }
      }
    }
    const stills = manifest.cameras.reduce((n, c) => n + c.stills.length, 0);
    if (stills > 0) {
      pass(
        { kind: 'stills', count: stills },
        `${stills} still image(s): decoded from the recording; covered by the file hashes and the export signature`,
      );
    }
    return report({ fingerprint: key.fingerprint, manifest });
  } catch (e) {
    problems.push({
      file: zipPath,
      kind: 'unreadable',
      message: `could not be read: ${messageOf(e)}`,
    });
    return report();
  } finally {
    await zip.close();
  }
}

/**
 * `SHA256SUMS` as the standard-tool check trusts it: when the manifest lists its signature, the
 * signature must hold; and it must list exactly the files and hashes of the manifest (but itself
 * and its signature). `intact` holds the two files where their hash matched the manifest (a
 * mismatch is already reported).
 */
function checkChecksums(
  manifest: Manifest,
  intact: ReadonlyMap<string, Buffer>,
  key: PublicKeyInfo,
  problems: VerifyProblem[],
): void {
  const sums = intact.get(PACKAGE_FILES.checksums);
  const signature = intact.get(PACKAGE_FILES.checksumsSignature);
  if (sums && signature && !key.verify(sums, signature)) {
    problems.push({
      file: PACKAGE_FILES.checksumsSignature,
      kind: 'signature',
      message:
        'the signature does not match SHA256SUMS (one of them was altered, or another key signed)',
    });
  }
  if (!sums) return;
  const own = new Set<string>([PACKAGE_FILES.checksums, PACKAGE_FILES.checksumsSignature]);
  const expected = manifest.files
    .filter((f) => !own.has(f.path))
    .map((f) => `${f.sha256}  ${f.path}`)
    .sort();
  const lines = sums
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '')
    .sort();
  if (lines.join('\n') !== expected.join('\n')) {
    problems.push({
      file: PACKAGE_FILES.checksums,
      kind: 'malformed',
      message: 'does not list the same files and SHA-256 as manifest.json',
    });
  }
}

function messageOf(e: unknown): string {
  if (isAppError(e)) return e.message;
  if (e instanceof Error) return e.message.split('\n')[0] ?? e.message;
  return String(e);
}
