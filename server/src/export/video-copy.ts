/**
 * Copies one camera's video into the package: the movie head, then the payload of every chosen
 * fragment straight from the segment files, then the subtitle text. Fragments lying back to back
 * in a segment file are read together (a run, up to `readBytes`), into a ring of shared buffers:
 * while run i is written (its payloads gathered into `pwritev` calls of up to `WRITE_BYTES`) and
 * hashed on the workers, the next reads are already under way; a buffer is reused only once both
 * workers are done with it.
 * With `checkSources`, every fragment's SHA-256 (its head as recorded plus its payload) is
 * compared with the recorder's index, so that a recording altered on disk is refused at export
 * time rather than discovered by the recipient.
 */
import type { FileHandle } from 'node:fs/promises';
import { AppError, failedPrecondition } from '../app/index.ts';
import type { RecordedFiles } from '../recording/index.ts';
import { readExactly } from '../recording/index.ts';
import type { PreparedCamera } from './camera-export.ts';
import { sharedBuffer, type VideoHasher } from './video-hasher.ts';
import type { EntryDigests, ZipEntrySink } from './zip/zip-writer.ts';

/** Default bytes per read: few messages to the workers and few system calls. */
export const READ_BYTES = 4 * 1024 * 1024;
/** Runs in flight: being read, hashed or written. */
const SLOTS = 6;
/**
 * Bytes per `pwritev`. Larger writes cost two to three times the system time here (perf: the
 * kernel's copy into the page cache, ext4 on Linux 6.18): 0.9 s for the hour in ≤ 1 MiB writes,
 * 2.0 s in 4 MiB writes, 3.0 s in 16 MiB writes.
 */
export const WRITE_BYTES = 1024 * 1024;

/** How to copy. */
export interface VideoCopyOptions {
  /** Compare every fragment with the recorder's index (the package writer always does). */
  checkSources: boolean;
  /** Told the bytes written, as they are. */
  progress: (bytes: number) => void;
  /** Bytes per read (tests use small ones); a larger fragment is read alone. */
  readBytes?: number;
}

/** A run of fragments lying back to back in one segment file. */
interface Run {
  segment: number;
  start: number;
  end: number;
  fragments: { index: number; offset: number; size: number; headLength: number }[];
}

/** Writes the camera's movie to `sink`; resolves with its SHA-256 and CRC-32. */
export async function copyVideo(
  files: RecordedFiles,
  p: PreparedCamera,
  sink: ZipEntrySink,
  hasher: VideoHasher,
  opts: VideoCopyOptions,
): Promise<EntryDigests> {
  const readBytes = opts.readBytes ?? READ_BYTES;
  const runs = runsOf(p, readBytes);
  // Opened once per segment, even when several reads of it start together.
  const handles = new Map<number, Promise<FileHandle>>();
  const fileOf = (segment: number): Promise<FileHandle> => {
    let fh = handles.get(segment);
    if (!fh) {
      fh = files.open(segmentOf(p, segment).row);
      fh.catch(() => undefined); // the read that asked for it fails with the error
      handles.set(segment, fh);
    }
    return fh;
  };
  // Run i goes to slot i % SLOTS once the hashing of the run before it in that slot is done; a
  // slot grows (once) for a fragment larger than a read.
  const slots = Array.from({ length: SLOTS }, () => sharedBuffer(readBytes));
  const hashed: (Promise<void> | undefined)[] = new Array<Promise<void> | undefined>(SLOTS);
  const read = async (i: number): Promise<Buffer> => {
    const r = runs[i];
    if (!r) throw new AppError('internal', `run ${i} missing`);
    const len = r.end - r.start;
    const slot = i % SLOTS;
    await hashed[slot];
    let into = slots[slot];
    if (!into || into.length < len) {
      into = sharedBuffer(len);
      slots[slot] = into;
    }
    const what = segmentOf(p, r.segment).row.path;
    return readExactly(await fileOf(r.segment), r.start, len, what, into);
  };
  // Reads started ahead, each awaited in its turn (a failure is then rethrown there).
  const reads: Promise<Buffer>[] = [];
  const startRead = (i: number): void => {
    if (i >= runs.length) return;
    const r = read(i);
    r.catch(() => undefined);
    reads[i] = r;
  };
  try {
    await sink.write(p.layout.head);
    const headHashed = hasher.bytes(p.layout.head);
    opts.progress(p.layout.head.length);
    for (let i = 0; i < SLOTS - 1; i++) startRead(i);
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i];
      const pending = reads[i];
      if (!run || !pending) throw new AppError('internal', `run ${i} was not read`);
      const buf = await pending;
      startRead(i + SLOTS - 1);
      const source = opts.checkSources
        ? run.fragments.map((f): [number, number] => [f.offset - run.start, f.size])
        : [];
      const output = run.fragments.map((f): [number, number] => [
        f.offset - run.start + f.headLength,
        f.size - f.headLength,
      ]);
      const done = hasher.run(buf, source, output).then((digests) => checkDigests(p, run, digests));
      done.catch(() => undefined); // awaited before the slot is reused and at the end
      hashed[i % SLOTS] = done;
      for (const group of writeGroups(buf, output, WRITE_BYTES)) await sink.writev(group);
      opts.progress(output.reduce((n, [, len]) => n + len, 0));
    }
    await headHashed;
    for (const h of hashed) await h;
    await sink.write(p.layout.textPayload);
    await hasher.bytes(p.layout.textPayload);
    opts.progress(p.layout.textPayload.length);
    return await hasher.end();
  } finally {
    await Promise.allSettled([...reads, ...hashed]);
    for (const opened of await Promise.allSettled(handles.values())) {
      if (opened.status === 'fulfilled') await opened.value.close();
    }
  }
}

/** The `ranges` of `buf`, cut and gathered into groups of at most `max` bytes, in order. */
export function writeGroups(buf: Buffer, ranges: [number, number][], max: number): Buffer[][] {
  const groups: Buffer[][] = [];
  let group: Buffer[] = [];
  let bytes = 0;
  for (const [start, len] of ranges) {
    for (let at = start; at < start + len;) {
      const n = Math.min(start + len - at, max - bytes);
      group.push(buf.subarray(at, at + n));
      bytes += n;
      at += n;
      if (bytes === max) {
        groups.push(group);
        group = [];
        bytes = 0;
      }
    }
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** Throws unless every fragment of `run` hashed to what the recorder's index holds. */
function checkDigests(p: PreparedCamera, run: Run, digests: string[]): void {
  const seg = segmentOf(p, run.segment);
  if (digests.length !== run.fragments.length) {
    throw new AppError(
      'internal',
      `${digests.length} digests for ${run.fragments.length} fragments`,
    );
  }
  digests.forEach((d, k) => {
    const f = run.fragments[k];
    const expected = f && seg.fragments[f.index]?.sha256;
    if (!f || !expected || Buffer.from(expected).toString('hex') !== d) {
      throw failedPrecondition(
        `recording ${seg.row.path}: fragment ${f?.index ?? k} no longer matches the hash recorded when it was written; export refused`,
      );
    }
  });
}

function runsOf(p: PreparedCamera, readBytes: number): Run[] {
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
      last.end - last.start + entry.sizeBytes <= readBytes
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
