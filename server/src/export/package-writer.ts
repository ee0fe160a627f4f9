/**
 * Writes an evidence package (a ZIP, every entry stored): per camera the progressive MP4 built
 * from the recorded fragments without re-encoding and its provenance file, then the readme texts,
 * the public key, `SHA256SUMS` and its Ed25519 signature `SHA256SUMS.sig`, `manifest.json` and
 * its signature `manifest.sig`. Video bytes are copied straight from the segment files
 * (`video-copy.ts`) and hashed on two worker threads, started while the cameras are prepared.
 * With `checkSources` (the default) every copied fragment is hashed and compared with the
 * recorder's index, so that a recording altered on disk is refused at export time rather than
 * discovered by the recipient.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError, failedPrecondition, isAppError } from '../app/index.ts';
import type { InstallationKey } from '../keys/index.ts';
import type { RecordedFiles, RecordingDb } from '../recording/index.ts';
import { prepareCamera, type ExportCamera, type PreparedCamera } from './camera-export.ts';
import { instantOf } from './local-time.ts';
import { MANIFEST_FORMAT, PACKAGE_FILES, type Manifest } from './package-format.ts';
import { readmeEnglish, readmeItalian } from './readme-text.ts';
import { copyVideo, type VideoCopyOptions } from './video-copy.ts';
import { VideoHasher } from './video-hasher.ts';
import { burnInMasks, burnInMasksImage } from '../privacy/index.ts';
import { recordedStill } from '../stills/index.ts';
import { skipBytes } from './zip/archive-file.ts';
import { ZipWriter, type ZipEntryInfo, type ZipEntrySink } from './zip/zip-writer.ts';

/** Who exported. */
export interface Exporter {
  userId: string;
  username: string;
  displayName: string;
  agencyId: string;
  agencyName: string;
}

/** Everything a package states. */
export interface PackageRequest {
  exportId: string;
  createdMs: number;
  timeZone: string;
  cameras: ExportCamera[];
  fromMs: number;
  toMs: number;
  exporter: Exporter;
  reason: string;
  caseReference: string;
  recipient: string;
  /** Instants (UTC ms) of which a still of every camera is added (`stills/<camera>/…jpg`). */
  stills?: number[];
}

/** What writing a package produced. */
export interface PackageResult {
  sizeBytes: number;
  /** SHA-256 of manifest.json (what the signature covers). */
  manifestSha256: string;
  /** Frames exported per camera; cameras with nothing recorded in the range have 0. */
  frames: Record<string, number>;
  /**
   * Where the time went, ms: reading the index and the fragment heads (`prepare`), copying and
   * hashing the videos (`video`), the other files, the signature and the final `fsync` (`finish`).
   */
  phasesMs: { prepare: number; video: number; finish: number };
}

/** What writing needs. */
export interface PackageDeps {
  /** The recording index the videos and stills are drawn from. */
  recordingDb: RecordingDb;
  files: RecordedFiles;
  key: InstallationKey;
}

/** Options of `writePackage`. */
export interface PackageOptions {
  /** Told the fraction done (0..1) as video is copied. */
  onProgress?: (fraction: number) => void;
  /** Hash every copied fragment against the index (default true). */
  checkSources?: boolean;
  /** Bytes per read of the recorded files (default `READ_BYTES` of `video-copy.ts`). */
  readBytes?: number;
}

/** Writes the package to `outPath` (replacing it); on failure nothing is left there. */
export async function writePackage(
  deps: PackageDeps,
  req: PackageRequest,
  outPath: string,
  opts: PackageOptions = {},
): Promise<PackageResult> {
  const hasher = new VideoHasher(); // its threads start while the cameras are prepared
  try {
    return await writeWithHasher(deps, req, outPath, opts, hasher);
  } finally {
    await hasher.close();
  }
}

async function writeWithHasher(
  deps: PackageDeps,
  req: PackageRequest,
  outPath: string,
  opts: PackageOptions,
  hasher: VideoHasher,
): Promise<PackageResult> {
  const t0 = performance.now();
  const prepared: PreparedCamera[] = [];
  for (const camera of req.cameras) {
    const p = await prepareCamera(
      { recordingDb: deps.recordingDb, files: deps.files, timeZone: req.timeZone },
      camera,
      req.fromMs,
      req.toMs,
    );
    if (p) prepared.push(p);
  }
  if (prepared.length === 0) {
    throw failedPrecondition('nothing was recorded by these cameras in the requested range');
  }
  const total = prepared.reduce((n, p) => n + p.layout.totalSize, 0);
  let done = 0;
  const copy: VideoCopyOptions = {
    checkSources: opts.checkSources ?? true,
    readBytes: opts.readBytes,
    progress: (bytes) => {
      done += bytes;
      opts.onProgress?.(Math.min(1, done / total));
    },
  };

  const t1 = performance.now();
  let videoMs = 0;
  const zip = await ZipWriter.create(outPath, req.createdMs);
  try {
    const files: Manifest['files'] = [];
    const add = async (path: string, data: Uint8Array | string): Promise<void> => {
      const info = await zip.addFile(
        path,
        typeof data === 'string' ? Buffer.from(data, 'utf8') : data,
      );
      files.push({ path, size: info.size, sha256: info.sha256 });
    };
    const facts = {
      exportId: req.exportId,
      createdAt: instantOf(req.createdMs, req.timeZone).local,
      caseReference: req.caseReference,
      fingerprint: deps.key.fingerprint,
      cameras: prepared.map((p) => ({
        id: p.camera.id,
        name: p.camera.name,
        from: p.manifest.exported.from.local,
        to: p.manifest.exported.to.local,
      })),
    };
    await add(PACKAGE_FILES.readmeIt, readmeItalian(facts));
    await add(PACKAGE_FILES.readmeEn, readmeEnglish(facts));
    await add(PACKAGE_FILES.publicKey, deps.key.publicKeyPem);
    for (const p of prepared) {
      if (p.manifest.privacyMasks.burnedIn) {
        // Masks apply: the video is re-encoded with them painted in; its frames can no longer be
        // compared with the recording, so the provenance keeps the signed segments only.
        const tv = performance.now();
        const info = await addMaskedVideo(zip, deps.files, p, hasher, copy);
        videoMs += performance.now() - tv;
        files.push({ path: info.name, size: info.size, sha256: info.sha256 });
        await add(p.manifest.provenance, JSON.stringify({ ...p.provenance, fragments: [] }));
        continue;
      }
      const tv = performance.now();
      const sink = await zip.beginEntry(p.manifest.video, p.layout.totalSize, { external: true });
      const info = await sink.end(await copyVideo(deps.files, p, sink, hasher, copy));
      videoMs += performance.now() - tv;
      files.push({ path: info.name, size: info.size, sha256: info.sha256 });
      await add(p.manifest.provenance, JSON.stringify(p.provenance));
    }
    for (const p of prepared) {
      for (const atMs of req.stills ?? []) {
        const still = await stillOf(deps, p, atMs);
        if (!still) continue;
        const name = `stills/${p.camera.id}/${new Date(atMs).toISOString().replace(/:/g, '-')}.jpg`;
        await add(name, still.image);
        p.manifest.stills.push({
          file: name,
          requested: instantOf(atMs, req.timeZone),
          frame: instantOf(still.frameMs, req.timeZone),
        });
      }
    }
    // SHA256SUMS lists every file so far; its own signature (listed in the manifest, so that
    // removing it is noticed) lets the standard-tool check trust it (readme-text.ts).
    const sums = Buffer.from(files.map((f) => `${f.sha256}  ${f.path}\n`).join(''), 'utf8');
    await add(PACKAGE_FILES.checksums, sums);
    await add(PACKAGE_FILES.checksumsSignature, deps.key.sign(sums));
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      exportId: req.exportId,
      createdAt: new Date(req.createdMs).toISOString(),
      timeZone: req.timeZone,
      installation: {
        publicKeyFile: PACKAGE_FILES.publicKey,
        publicKeyFingerprint: deps.key.fingerprint,
      },
      exporter: req.exporter,
      reason: req.reason,
      caseReference: req.caseReference,
      recipient: req.recipient,
      range: { from: instantOf(req.fromMs, req.timeZone), to: instantOf(req.toMs, req.timeZone) },
      cameras: prepared.map((p) => p.manifest),
      files,
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    await zip.addFile(PACKAGE_FILES.manifest, manifestBytes);
    await zip.addFile(PACKAGE_FILES.signature, deps.key.sign(manifestBytes));
    const sizeBytes = await zip.finish();
    const t2 = performance.now();
    const frames: Record<string, number> = {};
    for (const c of req.cameras) frames[c.id] = 0;
    for (const p of prepared) frames[p.camera.id] = p.video.samples.length;
    return {
      sizeBytes,
      manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
      frames,
      phasesMs: { prepare: t1 - t0, video: videoMs, finish: t2 - t1 - videoMs },
    };
  } catch (e) {
    await zip.abort();
    throw e;
  }
}

/**
 * Builds the camera's video in a temporary file, re-encodes it with the privacy masks burned in
 * (`privacy/burn-in.ts`), and adds the result to the archive.
 */
async function addMaskedVideo(
  zip: ZipWriter,
  files: RecordedFiles,
  p: PreparedCamera,
  hasher: VideoHasher,
  copy: VideoCopyOptions,
): Promise<ZipEntryInfo> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vedetta-export-mask-'));
  try {
    const plain = path.join(dir, 'plain.mp4');
    const masked = path.join(dir, 'masked.mp4');
    const fh = await open(plain, 'w');
    let position = 0;
    const writev = async (chunks: readonly Uint8Array[]): Promise<void> => {
      let rest = chunks.filter((c) => c.length > 0);
      while (rest.length > 0) {
        const { bytesWritten } = await fh.writev(rest, position);
        if (bytesWritten <= 0) throw new AppError('internal', `write to ${plain} made no progress`);
        position += bytesWritten;
        rest = skipBytes(rest, bytesWritten);
      }
    };
    const fileSink: ZipEntrySink = {
      dataOffset: 0,
      write: (chunk) => writev([chunk]),
      writev,
      end: () => Promise.reject(new AppError('internal', 'not a zip entry')),
    };
    try {
      await copyVideo(files, p, fileSink, hasher, copy);
    } finally {
      await fh.close();
    }
    await burnInMasks({
      inputPath: plain,
      outputPath: masked,
      polygons: p.manifest.privacyMasks.polygons,
      width: p.manifest.width,
      height: p.manifest.height,
    });
    const size = (await stat(masked)).size;
    const sink = await zip.beginEntry(p.manifest.video, size);
    for await (const chunk of createReadStream(masked, { highWaterMark: 4 * 1024 * 1024 })) {
      await sink.write(chunk as Buffer);
    }
    return await sink.end();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The recorded frame of a camera at `atMs` (masks burned in when they apply); none if no recording. */
async function stillOf(
  deps: PackageDeps,
  p: PreparedCamera,
  atMs: number,
): Promise<{ image: Buffer; frameMs: number } | undefined> {
  let still;
  try {
    still = await recordedStill(deps.recordingDb, deps.files, p.camera.id, atMs, 'jpeg');
  } catch (e) {
    if (isAppError(e, 'not_found')) return undefined;
    throw e;
  }
  const polygons = p.manifest.privacyMasks.polygons;
  if (!p.manifest.privacyMasks.burnedIn || polygons.length === 0) return still;
  const image = await burnInMasksImage({
    image: still.image,
    format: 'jpeg',
    polygons,
    width: still.width,
    height: still.height,
  });
  return { image, frameMs: still.frameMs };
}
