/**
 * Writes an evidence package (a ZIP, every entry stored): per camera the progressive MP4 built
 * from the recorded fragments without re-encoding and its provenance file, then the readme texts,
 * the public key, `SHA256SUMS`, `manifest.json` and its Ed25519 signature `manifest.sig`. Video
 * bytes are copied straight from the segment files, a run of fragments per read, the next read
 * already under way while the current one is hashed and written. With `checkSources` (the
 * default) every copied fragment is hashed and compared with the recorder's index first, so that
 * a recording altered on disk is refused at export time rather than discovered by the recipient.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, stat, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError, failedPrecondition, isAppError } from '../app/errors.ts';
import type { Db } from '../db/database.ts';
import type { InstallationKey } from '../keys/installation-key.ts';
import type { RecordedFiles } from '../playback/recorded-files.ts';
import { readExactly } from '../playback/recorded-files.ts';
import { prepareCamera, type ExportCamera, type PreparedCamera } from './camera-export.ts';
import { instantOf } from './local-time.ts';
import { MANIFEST_FORMAT, PACKAGE_FILES, type Manifest } from './package-format.ts';
import { readmeEnglish, readmeItalian } from './readme-text.ts';
import { sharedBuffer, VideoHasher } from './video-hasher.ts';
import { burnInMasks, burnInMasksImage } from '../privacy/burn-in.ts';
import { recordedStill } from '../stills/recorded-still.ts';
import {
  ZipWriter,
  type EntryDigests,
  type ZipEntryInfo,
  type ZipEntrySink,
} from './zip/zip-writer.ts';

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
}

/** What writing needs. */
export interface PackageDeps {
  db: Db;
  files: RecordedFiles;
  key: InstallationKey;
}

/** Options of `writePackage`. */
export interface PackageOptions {
  /** Told the fraction done (0..1) as video is copied. */
  onProgress?: (fraction: number) => void;
  /** Hash every copied fragment against the index (default true). */
  checkSources?: boolean;
}

const READ_BYTES = 16 * 1024 * 1024;
const SLOTS = 3;

/** Writes the package to `outPath` (replacing it); on failure nothing is left there. */
export async function writePackage(
  deps: PackageDeps,
  req: PackageRequest,
  outPath: string,
  opts: PackageOptions = {},
): Promise<PackageResult> {
  const prepared: PreparedCamera[] = [];
  for (const camera of req.cameras) {
    const p = await prepareCamera(
      { db: deps.db, files: deps.files, timeZone: req.timeZone },
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
  const progress = (bytes: number): void => {
    done += bytes;
    opts.onProgress?.(Math.min(1, done / total));
  };

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
        const info = await addMaskedVideo(zip, deps.files, p, opts.checkSources ?? true, progress);
        files.push({ path: info.name, size: info.size, sha256: info.sha256 });
        await add(p.manifest.provenance, JSON.stringify({ ...p.provenance, fragments: [] }));
        continue;
      }
      const sink = await zip.beginEntry(p.manifest.video, p.layout.totalSize, { external: true });
      const digests = await writeVideo(deps.files, p, sink, opts.checkSources ?? true, progress);
      const info = await sink.end(digests);
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
    await add(PACKAGE_FILES.checksums, files.map((f) => `${f.sha256}  ${f.path}\n`).join(''));
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
    const frames: Record<string, number> = {};
    for (const c of req.cameras) frames[c.id] = 0;
    for (const p of prepared) frames[p.camera.id] = p.video.samples.length;
    return {
      sizeBytes,
      manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
      frames,
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
  checkSources: boolean,
  progress: (bytes: number) => void,
): Promise<ZipEntryInfo> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vedetta-export-mask-'));
  try {
    const plain = path.join(dir, 'plain.mp4');
    const masked = path.join(dir, 'masked.mp4');
    const fh = await open(plain, 'w');
    let position = 0;
    const fileSink: ZipEntrySink = {
      dataOffset: 0,
      write: async (chunk) => {
        let done = 0;
        while (done < chunk.length) {
          const { bytesWritten } = await fh.write(chunk, done, chunk.length - done, position);
          done += bytesWritten;
          position += bytesWritten;
        }
      },
      end: () => Promise.reject(new AppError('internal', 'not a zip entry')),
    };
    try {
      await writeVideo(files, p, fileSink, checkSources, progress);
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
    still = await recordedStill(deps.db, deps.files, p.camera.id, atMs, 'jpeg');
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

/** A run of fragments lying back to back in one segment file. */
interface Run {
  segment: number;
  start: number;
  end: number;
  fragments: { index: number; offset: number; size: number; headLength: number }[];
}

function runsOf(p: PreparedCamera): Run[] {
  const runs: Run[] = [];
  for (const f of p.provenance.fragments) {
    const seg = segmentOf(p, f.segment);
    const entry = seg.fragments[f.index];
    if (!entry) throw new AppError('internal', `fragment ${f.index} missing from ${seg.row.path}`);
    const headLength = Buffer.from(f.head, 'base64').length;
    const last = runs[runs.length - 1];
    const item = { index: f.index, offset: entry.byteOffset, size: entry.sizeBytes, headLength };
    if (
      last &&
      last.segment === f.segment &&
      last.end === entry.byteOffset &&
      last.end - last.start + entry.sizeBytes <= READ_BYTES
    ) {
      last.end += entry.sizeBytes;
      last.fragments.push(item);
    } else {
      runs.push({
        segment: f.segment,
        start: entry.byteOffset,
        end: entry.byteOffset + entry.sizeBytes,
        fragments: [item],
      });
    }
  }
  return runs;
}

/** The indexed segment behind provenance segment `i`. */
function segmentOf(p: PreparedCamera, i: number): PreparedCamera['sources'][number] {
  const seg = p.sources[i];
  if (!seg) throw new AppError('internal', `provenance segment ${i} has no indexed segment`);
  return seg;
}

async function writeVideo(
  files: RecordedFiles,
  p: PreparedCamera,
  sink: ZipEntrySink,
  checkSources: boolean,
  progress: (bytes: number) => void,
): Promise<EntryDigests> {
  const runs = runsOf(p);
  const handles = new Map<number, FileHandle>();
  const fileOf = async (segment: number): Promise<FileHandle> => {
    let fh = handles.get(segment);
    if (!fh) {
      fh = await files.open(segmentOf(p, segment).row);
      handles.set(segment, fh);
    }
    return fh;
  };
  // A ring of shared read buffers: run i is read into slot i % SLOTS while earlier ones are
  // written; the worker hashes a slot (output, and the recorded fragments) before it is reused.
  const slots = Array.from({ length: SLOTS }, () => sharedBuffer(READ_BYTES));
  const hashed: (Promise<void> | undefined)[] = new Array<Promise<void> | undefined>(SLOTS);
  const hasher = new VideoHasher();
  const read = async (i: number): Promise<Buffer> => {
    const r = runs[i];
    if (!r) throw new AppError('internal', `run ${i} missing`);
    const len = r.end - r.start;
    const slot = i % SLOTS;
    await hashed[slot];
    const into = len <= READ_BYTES ? slots[slot] : sharedBuffer(len);
    const what = segmentOf(p, r.segment).row.path;
    return readExactly(await fileOf(r.segment), r.start, len, what, into);
  };
  try {
    await sink.write(p.layout.head);
    const headHashed = hasher.bytes(p.layout.head);
    progress(p.layout.head.length);
    let next = runs.length > 0 ? read(0) : undefined;
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i];
      if (!run || !next) break;
      const buf = await next;
      next = i + 1 < runs.length ? read(i + 1) : undefined;
      next?.catch(() => undefined); // awaited on the next turn; avoid an unhandled rejection
      const seg = segmentOf(p, run.segment);
      const source = checkSources
        ? run.fragments.map((f): [number, number] => [f.offset - run.start, f.size])
        : [];
      const output = run.fragments.map((f): [number, number] => [
        f.offset - run.start + f.headLength,
        f.size - f.headLength,
      ]);
      const done = hasher.run(buf, source, output).then((digests) => {
        digests.forEach((d, k) => {
          const f = run.fragments[k];
          const expected = f && seg.fragments[f.index]?.sha256;
          if (!f || !expected || Buffer.from(expected).toString('hex') !== d) {
            throw failedPrecondition(
              `recording ${seg.row.path}: fragment ${f?.index ?? k} no longer matches the hash recorded when it was written; export refused`,
            );
          }
        });
      });
      done.catch(() => undefined); // awaited before the slot is reused and at the end
      hashed[i % SLOTS] = done;
      for (const [start, len] of output) {
        await sink.write(buf.subarray(start, start + len));
        progress(len);
      }
    }
    await next;
    await headHashed;
    for (const h of hashed) await h;
    await sink.write(p.layout.textPayload);
    await hasher.bytes(p.layout.textPayload);
    progress(p.layout.textPayload.length);
    return await hasher.end();
  } finally {
    await hasher.close();
    for (const fh of handles.values()) await fh.close();
  }
}
