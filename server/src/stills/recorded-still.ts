/**
 * The exact recorded frame at an instant: the frame whose display interval contains the instant
 * (the recorder's wall time: segment start plus decode time), decoded from the key frame before
 * it. Reads only the fragments between that key frame and the frame.
 */
import { notFound } from '../app/index.ts';
import { fromAvcc, readBoxHeader, type MoofSample, parseMoof } from '../media/index.ts';
import { indexSegment, type RecordedFiles, segmentsInRange } from '../recording/index.ts';
import type { RecordingDb } from '../recording/index.ts';
import { decodeStill, type StillFormat } from './still-decoder.ts';

/** A decoded still and where it comes from. */
export interface RecordedStill {
  image: Buffer;
  /** Wall time of the frame shown, UTC ms (fractional). */
  frameMs: number;
  segmentPath: string;
  /** Index of the frame in its segment. */
  frameInSegment: number;
  /** Picture size. */
  width: number;
  height: number;
}

/** The recorded frame of `cameraId` at `atMs`; `not_found` when nothing was recorded then. */
export async function recordedStill(
  db: RecordingDb,
  files: RecordedFiles,
  cameraId: string,
  atMs: number,
  format: StillFormat,
): Promise<RecordedStill> {
  const rows = await segmentsInRange(db, { cameraId, stream: 'main' }, atMs, atMs + 1);
  const row = rows.filter((r) => r.start_ms <= atMs).pop();
  if (!row) throw notFound(`recording of camera ${cameraId} at ${new Date(atMs).toISOString()}`);
  const seg = indexSegment(row);
  const t90k = (atMs - row.start_ms) * 90;
  let target = -1;
  for (let i = 0; i < seg.fragments.length; i++) {
    if ((seg.fragments[i]?.decodeTime90k ?? Infinity) <= t90k) target = i;
  }
  let key = target;
  while (key > 0 && !seg.fragments[key]?.startsWithKey) key--;
  const first = seg.fragments[key];
  const last = seg.fragments[target];
  if (!first || !last)
    throw notFound(`recording of camera ${cameraId} at ${new Date(atMs).toISOString()}`);
  const fh = await files.open(row);
  let bytes: Buffer;
  let init;
  try {
    init = await files.readInit(row, fh);
    bytes = await files.read(
      fh,
      row,
      first.byteOffset,
      last.byteOffset + last.sizeBytes - first.byteOffset,
    );
  } finally {
    await fh.close();
  }
  const samples: (MoofSample & { data: Buffer })[] = [];
  let frameBase = 0;
  for (let i = 0; i < key; i++) frameBase += seg.fragments[i]?.frameCount ?? 0;
  for (let i = key; i <= target; i++) {
    const f = seg.fragments[i];
    if (!f) continue;
    const at = f.byteOffset - first.byteOffset;
    const moof = readBoxHeader(bytes, at);
    if (!moof) throw notFound(`fragment ${i} of ${row.path}`);
    for (const s of parseMoof(bytes, moof, init.info.sampleDefaults).samples) {
      samples.push({ ...s, data: bytes.subarray(s.offset, s.offset + s.size) });
    }
  }
  // The frame shown at t: the last one (in presentation order) starting at or before t.
  const byPresentation = samples
    .map((s, i) => ({
      i,
      pts: s.decodeTime + s.compositionOffsetTicks,
      end: s.decodeTime + s.compositionOffsetTicks + s.durationTicks,
    }))
    .sort((a, b) => a.pts - b.pts);
  let shown = -1;
  for (let k = 0; k < byPresentation.length; k++) {
    if ((byPresentation[k]?.pts ?? Infinity) <= t90k) shown = k;
  }
  const pick = byPresentation[shown];
  // Past the last frame's end by more than a second: a hole, not this frame.
  if (!pick || t90k > pick.end + 90_000) {
    throw notFound(`recording of camera ${cameraId} at ${new Date(atMs).toISOString()}`);
  }
  const nal = init.info.nalLengthSize;
  const image = await decodeStill({
    params: init.info.params,
    pictures: samples.map((s) => fromAvcc(s.data, nal)),
    index: shown,
    format,
  });
  const chosen = samples[pick.i];
  return {
    image,
    frameMs: row.start_ms + (chosen?.decodeTime ?? 0) / 90,
    segmentPath: row.path,
    frameInSegment: frameBase + pick.i,
    width: init.info.width,
    height: init.info.height,
  };
}
