/**
 * Lays out a progressive ("fast start") MP4 from a `MovieSpec`: `ftyp`, a complete `moov` with
 * the sample tables (`stts`, `ctts`, `stss`, `stsc`, `stsz`, `stco`/`co64`) of the video track and
 * the wall-clock text track, then one `mdat` (64-bit size) holding the video payload followed by
 * the text samples. Every offset is known before any video byte is copied, so the file is written
 * front to back in one pass, and ordinary players open it without a fragment-aware demuxer.
 */
import { box, ByteWriter, fullBox, identityMatrix, mp4Time, tableBox } from '../../media/index.ts';
import { checkMovieSpec, type MovieChunk, type MovieSample, type MovieSpec } from './movie.ts';
import { tx3gSample, tx3gSampleEntry } from './tx3g.ts';

/** Where everything lies in the laid-out file. */
export interface MovieLayout {
  /** `ftyp` + `moov` + the `mdat` header: the first bytes of the file. */
  head: Buffer;
  /** File offset of the video payload (just after `head`). */
  videoPayloadOffset: number;
  /** The text samples, written after the video payload. */
  textPayload: Buffer;
  /** Size of the whole file. */
  totalSize: number;
}

const VIDEO_TRACK = 1;
const TEXT_TRACK = 2;
const MOVIE_TIMESCALE = 1000;
const TEXT_TIMESCALE = 1000;
const MDAT_HEADER = 16;
/** No bytes before a table's entry count. */
const NO_PREFIX = new Uint8Array(0);
/** `stsz`'s sample_size 0 before its entry count: every sample has its own size. */
const SAMPLE_SIZE_VARIES = new Uint8Array(4);

/**
 * Lays out the movie; throws RangeError when the spec is inconsistent, `Mp4Error` when a value does
 * not fit its box field.
 */
export function layoutMovie(spec: MovieSpec): MovieLayout {
  checkMovieSpec(spec);
  const textSamples = (spec.text ?? []).map((t) => tx3gSample(t.text));
  const textPayload = Buffer.concat(textSamples);
  const ftyp = ftypBox(spec);
  // A payload of 4 GiB or more needs 64-bit chunk offsets whatever the moov; otherwise the probe
  // below learns whether the moov and the payload together reach 4 GiB.
  let wide = spec.video.payloadBytes + textPayload.length >= 2 ** 32;
  for (;;) {
    // Offsets do not change the size of the moov; lay out once to learn it, then for real.
    const probe = moovBox(spec, textSamples, 0, wide);
    const videoPayloadOffset = ftyp.length + probe.length + MDAT_HEADER;
    const totalSize = videoPayloadOffset + spec.video.payloadBytes + textPayload.length;
    if (!wide && totalSize >= 2 ** 32) {
      wide = true;
      continue;
    }
    const moov = moovBox(spec, textSamples, videoPayloadOffset, wide);
    const mdat = new ByteWriter(MDAT_HEADER)
      .u32(1) // 64-bit size follows the type
      .fourcc('mdat')
      .u64(MDAT_HEADER + spec.video.payloadBytes + textPayload.length)
      .finish();
    return {
      head: Buffer.concat([ftyp, moov, mdat]),
      videoPayloadOffset,
      textPayload,
      totalSize,
    };
  }
}

function ftypBox(spec: MovieSpec): Uint8Array {
  const brands = ['isom', 'iso2', 'mp41'];
  const first = spec.video.sampleEntries[0];
  if (first && Buffer.from(first).toString('latin1', 4, 8) === 'avc1') brands.push('avc1');
  const f = new ByteWriter().fourcc('isom').u32(0x200);
  for (const b of brands) f.fourcc(b);
  return box('ftyp', f.finish());
}

function videoDurationTicks(samples: readonly MovieSample[]): number {
  let d = 0;
  for (const s of samples) d += s.durationTicks;
  return d;
}

function moovBox(
  spec: MovieSpec,
  text: Uint8Array[],
  payloadStart: number,
  wide: boolean,
): Uint8Array {
  const v = spec.video;
  const videoTicks = videoDurationTicks(v.samples);
  const movieMs = Math.round((videoTicks * MOVIE_TIMESCALE) / v.timescale);
  const t = mp4Time(spec.creationMs);
  const mvhd = fullBox(
    'mvhd',
    1,
    0,
    new ByteWriter()
      .u64(t)
      .u64(t)
      .u32(MOVIE_TIMESCALE)
      .u64(movieMs)
      .u32(0x00010000)
      .u16(0x0100)
      .zeros(10)
      .bytes(identityMatrix())
      .zeros(24)
      .u32(TEXT_TRACK + 1)
      .finish(),
  );
  const videoTrak = trak({
    id: VIDEO_TRACK,
    t,
    movieDuration: movieMs,
    width: v.width,
    height: v.height,
    layer: 0,
    mdhd: { timescale: v.timescale, duration: videoTicks },
    handler: 'vide',
    handlerName: 'Vedetta recorded video',
    header: fullBox('vmhd', 0, 1, new Uint8Array(8)),
    stbl: videoStbl(spec, payloadStart, wide),
  });
  const parts = [mvhd, videoTrak];
  if (spec.text && spec.text.length > 0) {
    const textMs = spec.text.reduce((n, s) => n + s.durationMs, 0);
    const textOffset = payloadStart + v.payloadBytes;
    parts.push(
      trak({
        id: TEXT_TRACK,
        t,
        movieDuration: textMs,
        width: v.width,
        height: Math.max(1, Math.round(v.height / 10)),
        layer: -1,
        mdhd: { timescale: TEXT_TIMESCALE, duration: textMs },
        handler: 'sbtl',
        handlerName: 'Vedetta wall clock',
        header: fullBox('nmhd', 0, 0),
        stbl: box(
          'stbl',
          fullBox('stsd', 0, 0, new ByteWriter().u32(1).finish(), tx3gSampleEntry()),
          runLengthStts(spec.text.map((s) => s.durationMs)),
          tableBox('stsc', 0, NO_PREFIX, 1, 12, (w) => {
            w.u32(1).u32(text.length).u32(1);
          }),
          tableBox('stsz', 0, SAMPLE_SIZE_VARIES, text.length, 4, (w, i) => {
            w.u32(text[i]?.length ?? 0);
          }),
          chunkOffsets([textOffset], wide),
        ),
      }),
    );
  }
  parts.push(udta(spec.metadata));
  return box('moov', ...parts);
}

interface TrakSpec {
  id: number;
  t: number;
  movieDuration: number;
  width: number;
  height: number;
  layer: number;
  mdhd: { timescale: number; duration: number };
  handler: string;
  handlerName: string;
  header: Uint8Array;
  stbl: Uint8Array;
}

function trak(s: TrakSpec): Uint8Array {
  const tkhd = fullBox(
    'tkhd',
    1,
    3, // enabled, in movie
    new ByteWriter()
      .u64(s.t)
      .u64(s.t)
      .u32(s.id)
      .u32(0)
      .u64(s.movieDuration)
      .zeros(8)
      .i16(s.layer)
      .u16(s.id === VIDEO_TRACK ? 0 : 1) // alternate group
      .u16(0)
      .u16(0)
      .bytes(identityMatrix())
      .u32(fixed16(s.width))
      .u32(fixed16(s.height))
      .finish(),
  );
  const mdhd = fullBox(
    'mdhd',
    1,
    0,
    new ByteWriter()
      .u64(s.t)
      .u64(s.t)
      .u32(s.mdhd.timescale)
      .u64(s.mdhd.duration)
      .u16(0x55c4) // 'und'
      .u16(0)
      .finish(),
  );
  const hdlr = fullBox(
    'hdlr',
    0,
    0,
    new ByteWriter().u32(0).fourcc(s.handler).zeros(12).text(`${s.handlerName}\0`).finish(),
  );
  const dinf = box(
    'dinf',
    fullBox('dref', 0, 0, new ByteWriter().u32(1).finish(), fullBox('url ', 0, 1)),
  );
  const minf = box('minf', s.header, dinf, s.stbl);
  return box('trak', tkhd, box('mdia', mdhd, hdlr, minf));
}

function videoStbl(spec: MovieSpec, payloadStart: number, wide: boolean): Uint8Array {
  const v = spec.video;
  const samples = v.samples;
  const stsd = fullBox(
    'stsd',
    0,
    0,
    new ByteWriter().u32(v.sampleEntries.length).finish(),
    ...v.sampleEntries,
  );
  const parts = [stsd, runLengthStts(samples.map((s) => s.durationTicks))];
  if (samples.some((s) => s.compositionOffsetTicks !== 0)) parts.push(ctts(samples));
  if (!samples.every((s) => s.isKey)) {
    const keys: number[] = [];
    samples.forEach((s, i) => {
      if (s.isKey) keys.push(i + 1);
    });
    parts.push(
      tableBox('stss', 0, NO_PREFIX, keys.length, 4, (w, i) => {
        w.u32(keys[i] ?? 0);
      }),
    );
  }
  parts.push(stsc(v.chunks));
  parts.push(
    tableBox('stsz', 0, SAMPLE_SIZE_VARIES, samples.length, 4, (w, i) => {
      w.u32(samples[i]?.size ?? 0);
    }),
  );
  parts.push(
    chunkOffsets(
      v.chunks.map((c) => payloadStart + c.payloadOffset),
      wide,
    ),
  );
  return box('stbl', ...parts);
}

function runLengthStts(durations: readonly number[]): Uint8Array {
  const runs: [number, number][] = [];
  for (const d of durations) {
    const last = runs[runs.length - 1];
    if (last && last[1] === d) last[0]++;
    else runs.push([1, d]);
  }
  return tableBox('stts', 0, NO_PREFIX, runs.length, 8, (w, i) => {
    const r = runs[i] ?? [0, 0];
    w.u32(r[0]).u32(r[1]);
  });
}

function ctts(samples: readonly MovieSample[]): Uint8Array {
  const runs: [number, number][] = [];
  for (const s of samples) {
    const last = runs[runs.length - 1];
    if (last && last[1] === s.compositionOffsetTicks) last[0]++;
    else runs.push([1, s.compositionOffsetTicks]);
  }
  const signed = runs.some((r) => r[1] < 0);
  return tableBox('ctts', signed ? 1 : 0, NO_PREFIX, runs.length, 8, (w, i) => {
    const r = runs[i] ?? [0, 0];
    w.u32(r[0]);
    if (signed) w.i32(r[1]);
    else w.u32(r[1]);
  });
}

function stsc(chunks: readonly MovieChunk[]): Uint8Array {
  const runs: { first: number; count: number; desc: number }[] = [];
  chunks.forEach((c, i) => {
    const last = runs[runs.length - 1];
    if (last && last.count === c.sampleCount && last.desc === c.descriptionIndex) return;
    runs.push({ first: i + 1, count: c.sampleCount, desc: c.descriptionIndex });
  });
  return tableBox('stsc', 0, NO_PREFIX, runs.length, 12, (w, i) => {
    const r = runs[i] ?? { first: 0, count: 0, desc: 0 };
    w.u32(r.first).u32(r.count).u32(r.desc);
  });
}

function chunkOffsets(offsets: readonly number[], wide: boolean): Uint8Array {
  if (wide) {
    return tableBox('co64', 0, NO_PREFIX, offsets.length, 8, (w, i) => {
      w.u64(offsets[i] ?? 0);
    });
  }
  return tableBox('stco', 0, NO_PREFIX, offsets.length, 4, (w, i) => {
    w.u32(offsets[i] ?? 0);
  });
}

/** QuickTime-style user data: `©nam`, `©day`, `©cmt` (shown by ffprobe, VLC and others). */
function udta(m: MovieSpec['metadata']): Uint8Array {
  const item = (type: string, value: string): Uint8Array => {
    const v = new TextEncoder().encode(value).subarray(0, 0xffff);
    return box(type, new ByteWriter().u16(v.length).u16(0x55c4).bytes(v).finish());
  };
  return box(
    'udta',
    item('\u00a9nam', m.title),
    item('\u00a9day', m.date),
    item('\u00a9cmt', m.comment),
  );
}

/**
 * A width or height as 16.16 fixed point. Wraps modulo 2^32 as the movie always has (a size of
 * 65,536 or more does not fit the field).
 */
function fixed16(v: number): number {
  return (v * 0x10000) >>> 0;
}
