/**
 * Lays out a progressive ("fast start") MP4 from a `MovieSpec`: `ftyp`, a complete `moov` with
 * the sample tables (`stts`, `ctts`, `stss`, `stsc`, `stsz`, `stco`/`co64`) of the video track and
 * the wall-clock text track, then one `mdat` (64-bit size) holding the video payload followed by
 * the text samples. Every offset is known before any video byte is copied, so the file is written
 * front to back in one pass, and ordinary players open it without a fragment-aware demuxer.
 */
import { box, Fields, fullBox, identityMatrix, mp4Time, tableBox } from './boxes.ts';
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

/** Lays out the movie; throws RangeError when the spec is inconsistent. */
export function layoutMovie(spec: MovieSpec): MovieLayout {
  checkMovieSpec(spec);
  const textSamples = (spec.text ?? []).map((t) => tx3gSample(t.text));
  const textPayload = Buffer.concat(textSamples);
  const ftyp = ftypBox(spec);
  let wide = false;
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
    const mdat = Buffer.alloc(MDAT_HEADER);
    mdat.writeUInt32BE(1, 0);
    mdat.write('mdat', 4, 'latin1');
    mdat.writeBigUInt64BE(BigInt(MDAT_HEADER + spec.video.payloadBytes + textPayload.length), 8);
    return {
      head: Buffer.concat([ftyp, moov, mdat]),
      videoPayloadOffset,
      textPayload,
      totalSize,
    };
  }
}

function ftypBox(spec: MovieSpec): Buffer {
  const brands = ['isom', 'iso2', 'mp41'];
  const first = spec.video.sampleEntries[0];
  if (first && Buffer.from(first).toString('latin1', 4, 8) === 'avc1') brands.push('avc1');
  const f = new Fields().text('isom').u32(0x200);
  for (const b of brands) f.text(b);
  return box('ftyp', f.done());
}

function videoDurationTicks(samples: readonly MovieSample[]): number {
  let d = 0;
  for (const s of samples) d += s.durationTicks;
  return d;
}

function moovBox(spec: MovieSpec, text: Buffer[], payloadStart: number, wide: boolean): Buffer {
  const v = spec.video;
  const videoTicks = videoDurationTicks(v.samples);
  const movieMs = Math.round((videoTicks * MOVIE_TIMESCALE) / v.timescale);
  const t = mp4Time(spec.creationMs);
  const mvhd = fullBox(
    'mvhd',
    1,
    0,
    new Fields()
      .u64(t)
      .u64(t)
      .u32(MOVIE_TIMESCALE)
      .u64(movieMs)
      .u32(0x00010000)
      .u16(0x0100)
      .zeros(10)
      .raw(identityMatrix())
      .zeros(24)
      .u32(TEXT_TRACK + 1)
      .done(),
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
    header: fullBox('vmhd', 0, 1, Buffer.alloc(8)),
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
          fullBox('stsd', 0, 0, new Fields().u32(1).done(), tx3gSampleEntry()),
          runLengthStts(spec.text.map((s) => s.durationMs)),
          tableBox('stsc', 0, Buffer.alloc(0), 1, 12, (b, _i, o) => {
            b.writeUInt32BE(1, o);
            b.writeUInt32BE(text.length, o + 4);
            b.writeUInt32BE(1, o + 8);
          }),
          tableBox('stsz', 0, Buffer.alloc(4), text.length, 4, (b, i, o) => {
            b.writeUInt32BE(text[i]?.length ?? 0, o);
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
  header: Buffer;
  stbl: Buffer;
}

function trak(s: TrakSpec): Buffer {
  const tkhd = fullBox(
    'tkhd',
    1,
    3, // enabled, in movie
    new Fields()
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
      .raw(identityMatrix())
      .u32(s.width * 0x10000)
      .u32(s.height * 0x10000)
      .done(),
  );
  const mdhd = fullBox(
    'mdhd',
    1,
    0,
    new Fields()
      .u64(s.t)
      .u64(s.t)
      .u32(s.mdhd.timescale)
      .u64(s.mdhd.duration)
      .u16(0x55c4) // 'und'
      .u16(0)
      .done(),
  );
  const hdlr = fullBox(
    'hdlr',
    0,
    0,
    new Fields().u32(0).text(s.handler).zeros(12).text(`${s.handlerName}\0`).done(),
  );
  const dinf = box(
    'dinf',
    fullBox('dref', 0, 0, new Fields().u32(1).done(), fullBox('url ', 0, 1)),
  );
  const minf = box('minf', s.header, dinf, s.stbl);
  return box('trak', tkhd, box('mdia', mdhd, hdlr, minf));
}

function videoStbl(spec: MovieSpec, payloadStart: number, wide: boolean): Buffer {
  const v = spec.video;
  const samples = v.samples;
  const stsd = fullBox(
    'stsd',
    0,
    0,
    new Fields().u32(v.sampleEntries.length).done(),
    ...v.sampleEntries.map((e) => Buffer.from(e)),
  );
  const parts = [stsd, runLengthStts(samples.map((s) => s.durationTicks))];
  if (samples.some((s) => s.compositionOffsetTicks !== 0)) parts.push(ctts(samples));
  if (!samples.every((s) => s.isKey)) {
    const keys: number[] = [];
    samples.forEach((s, i) => {
      if (s.isKey) keys.push(i + 1);
    });
    parts.push(
      tableBox('stss', 0, Buffer.alloc(0), keys.length, 4, (b, i, o) => {
        b.writeUInt32BE(keys[i] ?? 0, o);
      }),
    );
  }
  parts.push(stsc(v.chunks));
  parts.push(
    tableBox('stsz', 0, Buffer.alloc(4), samples.length, 4, (b, i, o) => {
      b.writeUInt32BE(samples[i]?.size ?? 0, o);
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

function runLengthStts(durations: readonly number[]): Buffer {
  const runs: [number, number][] = [];
  for (const d of durations) {
    const last = runs[runs.length - 1];
    if (last && last[1] === d) last[0]++;
    else runs.push([1, d]);
  }
  return tableBox('stts', 0, Buffer.alloc(0), runs.length, 8, (b, i, o) => {
    const r = runs[i] ?? [0, 0];
    b.writeUInt32BE(r[0], o);
    b.writeUInt32BE(r[1], o + 4);
  });
}

function ctts(samples: readonly MovieSample[]): Buffer {
  const runs: [number, number][] = [];
  for (const s of samples) {
    const last = runs[runs.length - 1];
    if (last && last[1] === s.compositionOffsetTicks) last[0]++;
    else runs.push([1, s.compositionOffsetTicks]);
  }
  const signed = runs.some((r) => r[1] < 0);
  return tableBox('ctts', signed ? 1 : 0, Buffer.alloc(0), runs.length, 8, (b, i, o) => {
    const r = runs[i] ?? [0, 0];
    b.writeUInt32BE(r[0], o);
    if (signed) b.writeInt32BE(r[1], o + 4);
    else b.writeUInt32BE(r[1], o + 4);
  });
}

function stsc(chunks: readonly MovieChunk[]): Buffer {
  const runs: { first: number; count: number; desc: number }[] = [];
  chunks.forEach((c, i) => {
    const last = runs[runs.length - 1];
    if (last && last.count === c.sampleCount && last.desc === c.descriptionIndex) return;
    runs.push({ first: i + 1, count: c.sampleCount, desc: c.descriptionIndex });
  });
  return tableBox('stsc', 0, Buffer.alloc(0), runs.length, 12, (b, i, o) => {
    const r = runs[i] ?? { first: 0, count: 0, desc: 0 };
    b.writeUInt32BE(r.first, o);
    b.writeUInt32BE(r.count, o + 4);
    b.writeUInt32BE(r.desc, o + 8);
  });
}

function chunkOffsets(offsets: readonly number[], wide: boolean): Buffer {
  if (wide) {
    return tableBox('co64', 0, Buffer.alloc(0), offsets.length, 8, (b, i, o) => {
      b.writeBigUInt64BE(BigInt(offsets[i] ?? 0), o);
    });
  }
  return tableBox('stco', 0, Buffer.alloc(0), offsets.length, 4, (b, i, o) => {
    b.writeUInt32BE(offsets[i] ?? 0, o);
  });
}

/** QuickTime-style user data: `©nam`, `©day`, `©cmt` (shown by ffprobe, VLC and others). */
function udta(m: MovieSpec['metadata']): Buffer {
  const item = (type: string, value: string): Buffer => {
    const v = Buffer.from(value, 'utf8').subarray(0, 0xffff);
    return box(type, new Fields().u16(v.length).u16(0x55c4).raw(v).done());
  };
  return box(
    'udta',
    item('\u00a9nam', m.title),
    item('\u00a9day', m.date),
    item('\u00a9cmt', m.comment),
  );
}
