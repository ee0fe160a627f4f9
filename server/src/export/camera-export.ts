/**
 * Prepares one camera of an export: its signed segments in the range, the fragments to copy
 * with their recorded heads, the assembled video track, the wall-clock subtitles, the movie layout,
 * the provenance file and the gaps. Reads only the index and the fragments' `moof` boxes; the
 * video bytes are copied later by the package writer.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { failedPrecondition } from '../app/index.ts';
import { readBoxHeader, type MoofSample, type InitSegmentInfo, parseMoof } from '../media/index.ts';
import {
  indexSegment,
  type IndexedSegment,
  type RecordedFiles,
  gapsInRange,
  segmentsInRange,
  type Segment,
  statementBytes,
  type SegmentStatement,
  statementOfRow,
} from '../recording/index.ts';
import type { RecordingDb } from '../recording/index.ts';
import { assembleVideo, type AssembledVideo, type FragmentWithSamples } from './assemble.ts';
import { instantOf } from './local-time.ts';
import { layoutMovie, type MovieLayout } from './movie/layout.ts';
import { readMovieTracks } from './movie/movie-reader.ts';
import {
  cameraDir,
  PROVENANCE_FORMAT,
  type ManifestCamera,
  type ManifestGap,
  type Provenance,
} from './package-format.ts';
import { mapConcurrently } from './map-concurrently.ts';
import { planFragments } from './plan.ts';
import { wallClockText, type TextGap } from './wallclock-text.ts';

/** Fragment heads read at once while preparing. */
const HEAD_READS = 8;

/** Privacy masks decided for a camera of an export. */
export interface CameraMasks {
  /** Normalised polygons to burn in; empty for none. */
  polygons: (readonly (readonly [number, number])[])[];
  /** True when exported without masks by a user holding `mask.lift`. */
  unmasked: boolean;
}

/** A camera to export. */
export interface ExportCamera {
  id: string;
  name: string;
  masks?: CameraMasks;
}

/** One camera, ready to be written. */
export interface PreparedCamera {
  camera: ExportCamera;
  /** The segments the video draws on, in the order of `provenance.segments`. */
  sources: IndexedSegment[];
  video: AssembledVideo;
  layout: MovieLayout;
  provenance: Provenance;
  manifest: ManifestCamera;
}

/** What preparing needs. */
export interface PrepareDeps {
  /** The recording index: the segments and gaps of the range. */
  recordingDb: RecordingDb;
  files: RecordedFiles;
  timeZone: string;
}

/** Segments overlapping the range that are not closed and signed yet. */
export async function unsignedSegmentCount(
  recordingDb: RecordingDb,
  cameraId: string,
  fromMs: number,
  toMs: number,
): Promise<number> {
  const rows = await segmentsInRange(recordingDb, { cameraId, stream: 'main' }, fromMs, toMs);
  return rows.filter((r) => r.state !== 'complete' || r.signature === null).length;
}

/** Prepares a camera; undefined when nothing was recorded in the range. */
export async function prepareCamera(
  deps: PrepareDeps,
  camera: ExportCamera,
  fromMs: number,
  toMs: number,
): Promise<PreparedCamera | undefined> {
  const ref = { cameraId: camera.id, stream: 'main' as const };
  const rows = (await segmentsInRange(deps.recordingDb, ref, fromMs, toMs)).filter(
    (r) => r.state === 'complete' && r.signature !== null,
  );
  const segments = rows.map(indexSegment);
  const plan = planFragments(segments, fromMs, toMs);
  if (plan.length === 0) return undefined;

  const entries: Buffer[] = [];
  const inits = new Map<number, { bytes: Buffer; info: InitSegmentInfo; description: number }>();
  const chosen: FragmentWithSamples[] = [];
  const handles = new Map<number, FileHandle>();
  try {
    for (const p of plan) {
      const seg = segments[p.segment];
      if (!seg || handles.has(p.segment)) continue;
      const fh = await deps.files.open(seg.row);
      handles.set(p.segment, fh);
      const read = await deps.files.readInit(seg.row, fh);
      checkInit(read.bytes, seg.row);
      const entry = sampleEntryOf(read.bytes, seg.row.path);
      let description = entries.findIndex((e) => e.equals(entry)) + 1;
      if (description === 0) description = entries.push(entry);
      inits.set(p.segment, { ...read, description });
    }
    // The heads are small reads at known offsets: a few in flight at once.
    const heads = await mapConcurrently(plan, HEAD_READS, async (p) => {
      const seg = segments[p.segment];
      const fh = handles.get(p.segment);
      return seg && fh ? (await deps.files.readHead(fh, seg.row, p.entry)).bytes : undefined;
    });
    plan.forEach((p, i) => {
      const seg = segments[p.segment];
      const init = inits.get(p.segment);
      const head = heads[i];
      if (!seg || !init || !head) return;
      chosen.push({
        plan: p,
        head,
        samples: headSamples(head, p.entry.sizeBytes, init.info, seg.row.path),
        segmentStartMs: seg.row.start_ms,
        descriptionIndex: init.description,
      });
    });
  } finally {
    for (const fh of handles.values()) await fh.close();
  }
  const video = assembleVideo(chosen, fromMs, toMs);
  if (!video) return undefined;
  const gapRows = await gapsInRange(deps.recordingDb, ref, fromMs, toMs);
  const gaps = mergeGaps(gapRows, video.holes, fromMs, toMs, deps.timeZone);
  const firstSeg = segments[chosen[0]?.plan.segment ?? 0]?.row;
  if (!firstSeg) return undefined;
  const durationMs = Math.round(video.samples.reduce((n, s) => n + s.durationTicks, 0) / 90);
  const textGaps: TextGap[] = gaps.map((g) => ({
    fromMs: g.from.ms,
    toMs: g.to.ms,
    cause: g.cause,
  }));
  const dir = cameraDir(camera.id);
  const videoPath = `${dir}/video.mp4`;
  const layout = layoutMovie({
    creationMs: video.firstMs,
    video: {
      timescale: 90_000,
      width: firstSeg.width,
      height: firstSeg.height,
      sampleEntries: entries,
      samples: video.samples,
      chunks: video.chunks,
      payloadBytes: video.payloadBytes,
    },
    text: wallClockText(video.firstMs, durationMs, textGaps, deps.timeZone),
    metadata: {
      title: `${camera.name} (${camera.id})`,
      date: new Date(Math.round(video.firstMs)).toISOString(),
      comment: `Vedetta evidence export; recorded ${new Date(Math.round(video.firstMs)).toISOString()} to ${new Date(Math.round(video.endMs)).toISOString()}; not re-encoded`,
    },
  });
  // Only the segments the video draws on, renumbered in order.
  const used = [...new Set(video.fragments.map((f) => f.segment))].sort((a, b) => a - b);
  const renumber = new Map(used.map((old, i) => [old, i]));
  const provenance: Provenance = {
    format: PROVENANCE_FORMAT,
    camera: camera.id,
    video: videoPath,
    frames: video.samples.length,
    segments: used.map((i) => {
      const s = segments[i];
      const init = inits.get(i);
      if (!s || !init) throw failedPrecondition(`segment ${i} of ${camera.id} was not read`);
      return {
        statement: Buffer.from(statementBytes(signedStatementOf(s.row))).toString('utf8'),
        signature: s.row.signature ?? '',
        keyFingerprint: s.row.key_fingerprint ?? '',
        init: init.bytes.toString('base64'),
        fragmentSha256: s.fragments.map((f) => Buffer.from(f.sha256).toString('hex')),
      };
    }),
    fragments: video.fragments.map((f) => ({ ...f, segment: renumber.get(f.segment) ?? -1 })),
  };
  const manifest: ManifestCamera = {
    id: camera.id,
    name: camera.name,
    video: videoPath,
    provenance: `${dir}/provenance.json`,
    exported: {
      from: instantOf(video.firstMs, deps.timeZone),
      to: instantOf(video.endMs, deps.timeZone),
      frames: video.samples.length,
    },
    gaps,
    codec: firstSeg.codec_string,
    width: firstSeg.width,
    height: firstSeg.height,
    privacyMasks: {
      burnedIn: (camera.masks?.polygons.length ?? 0) > 0,
      unmasked: camera.masks?.unmasked ?? false,
      polygons: (camera.masks?.polygons ?? []).map((p) =>
        p.map(([x, y]): [number, number] => [x, y]),
      ),
    },
    stills: [],
  };
  const sources = used.map((i) => segments[i]).filter((x) => x !== undefined);
  return { camera, sources, video, layout, provenance, manifest };
}

/** The statement the recorder signed for a complete segment row (v1 or v2). */
function signedStatementOf(row: Segment): SegmentStatement {
  const statement = statementOfRow(row);
  if (!statement) throw failedPrecondition(`recording ${row.path} is not signed`);
  return statement;
}

/**
 * Throws unless a segment's init segment, as read, hashes to what the recorder signed: with the
 * fragment checks of the copy (video-copy.ts), every byte an export draws on is checked.
 */
function checkInit(init: Buffer, row: Segment): void {
  if (createHash('sha256').update(init).digest('hex') !== row.init_sha256) {
    throw failedPrecondition(
      `recording ${row.path}: its init segment no longer matches the hash recorded when it was written; export refused`,
    );
  }
}

/** The sample entry (`avc1`/`hvc1` box) of an init segment. */
function sampleEntryOf(init: Buffer, what: string): Buffer {
  const moov = readBoxHeader(init, readBoxHeader(init, 0)?.end ?? 0);
  if (!moov || moov.type !== 'moov') throw failedPrecondition(`${what}: init segment has no moov`);
  const track = readMovieTracks(init.subarray(moov.start, moov.end))[0];
  const entry = track?.sampleEntries[0];
  if (!entry) throw failedPrecondition(`${what}: init segment has no sample entry`);
  return Buffer.from(entry);
}

/** The samples of a fragment from its head, offsets relative to the fragment start. */
export function headSamples(
  head: Buffer,
  fragmentSize: number,
  init: InitSegmentInfo,
  what: string,
): MoofSample[] {
  const moof = readBoxHeader(head, 0);
  if (!moof || moof.type !== 'moof') throw failedPrecondition(`${what}: fragment has no moof`);
  const { samples } = parseMoof(head, moof, init.sampleDefaults);
  for (const s of samples) {
    if (s.offset < head.length || s.offset + s.size > fragmentSize) {
      throw failedPrecondition(`${what}: a sample lies outside its fragment's mdat`);
    }
  }
  return samples;
}

/** Gap rows clipped to the range, plus holes between frames that no gap row explains. */
function mergeGaps(
  rows: readonly { start_ms: number; end_ms: number | null; cause: string; message: string }[],
  holes: readonly { fromMs: number; toMs: number }[],
  fromMs: number,
  toMs: number,
  timeZone: string,
): ManifestGap[] {
  const list: { fromMs: number; toMs: number; cause: string; message: string }[] = [];
  for (const r of rows) {
    const a = Math.max(r.start_ms, fromMs);
    const b = Math.min(r.end_ms ?? toMs, toMs);
    if (b > a) list.push({ fromMs: a, toMs: b, cause: r.cause, message: r.message });
  }
  for (const h of holes) {
    if (!list.some((g) => g.fromMs < h.toMs && g.toMs > h.fromMs)) {
      list.push({ ...h, cause: 'unrecorded', message: 'no frames recorded and no cause known' });
    }
  }
  list.sort((x, y) => x.fromMs - y.fromMs);
  return list.map((g) => ({
    from: instantOf(g.fromMs, timeZone),
    to: instantOf(g.toMs, timeZone),
    cause: g.cause,
    message: g.message,
  }));
}
