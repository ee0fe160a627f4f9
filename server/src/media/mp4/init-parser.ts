import type { CodecParams, VideoCodec } from '../types.ts';
import { parseAvcConfig } from './avc-config.ts';
import { findChild, payloadOf, readBoxes, readBoxHeader, requireChild } from './box-reader.ts';
import type { BoxHeader } from './box-reader.ts';
import { codecInfo } from './codec-info.ts';
import { FieldReader } from './field-reader.ts';
import { parseHevcConfig } from './hevc-config.ts';
import type { SampleDefaults } from './moof-parser.ts';
import { Mp4Error } from './mp4-error.ts';

/**
 * Reading an init segment back: the video track's codec, decoder configuration, size, timescale
 * and sample defaults. Used to index recordings after a crash and to serve a file's codec string.
 */

/** What an init segment says about its video track. */
export interface InitSegmentInfo {
  codec: VideoCodec;
  params: CodecParams;
  /** RFC 6381 codec string computed from the SPS. */
  codecString: string;
  /** Size in the sample entry. */
  width: number;
  height: number;
  /** Ticks per second of the track. */
  timescale: number;
  trackId: number;
  /** Bytes of each NAL unit length prefix in the samples. */
  nalLengthSize: 1 | 2 | 4;
  /** Defaults from `trex` (zero when there is none). */
  sampleDefaults: SampleDefaults;
  /** Offset just past the `moov` box: the init segment is `buf[0, initLength)`. */
  initLength: number;
}

/** Bytes of a visual sample entry before its child boxes. */
const VISUAL_SAMPLE_ENTRY_SIZE = 78;

/**
 * Parses the init segment at the start of `buf` (anything may follow the `moov`, even a torn
 * fragment). Throws `Mp4Error` when there is no complete `moov` or no H.264/H.265 video track.
 */
export function parseInitSegment(buf: Uint8Array): InitSegmentInfo {
  const moov = findMoov(buf);
  const trak = videoTrak(buf, moov);
  const tkhd = requireChild(buf, trak, 'tkhd');
  const th = new FieldReader(buf, tkhd.start + tkhd.headerSize, tkhd.end, 'tkhd');
  const tkhdVersion = th.u8('version');
  th.skip(3 + (tkhdVersion === 1 ? 16 : 8), 'times');
  const trackId = th.u32('track_ID');
  const mdia = requireChild(buf, trak, 'mdia');
  const mdhd = requireChild(buf, mdia, 'mdhd');
  const mh = new FieldReader(buf, mdhd.start + mdhd.headerSize, mdhd.end, 'mdhd');
  const mdhdVersion = mh.u8('version');
  mh.skip(3 + (mdhdVersion === 1 ? 16 : 8), 'times');
  const timescale = mh.u32('timescale');
  if (timescale === 0) throw new Mp4Error("'mdhd' timescale is 0");
  const stbl = requireChild(buf, requireChild(buf, mdia, 'minf'), 'stbl');
  const stsd = requireChild(buf, stbl, 'stsd');
  const entry = readBoxHeader(buf, stsd.start + stsd.headerSize + 8, stsd.end);
  if (entry === undefined || entry.end > stsd.end) throw new Mp4Error("'stsd' has no sample entry");
  const se = new FieldReader(buf, entry.start + entry.headerSize, entry.end, entry.type);
  se.skip(24, 'sample entry header');
  const width = se.u16('width');
  const height = se.u16('height');
  let config: { params: CodecParams; nalLengthSize: 1 | 2 | 4 };
  if (entry.type === 'avc1' || entry.type === 'avc3') {
    config = parseAvcConfig(
      payloadOf(buf, requireChild(buf, entry, 'avcC', VISUAL_SAMPLE_ENTRY_SIZE)),
    );
  } else if (entry.type === 'hvc1' || entry.type === 'hev1') {
    config = parseHevcConfig(
      payloadOf(buf, requireChild(buf, entry, 'hvcC', VISUAL_SAMPLE_ENTRY_SIZE)),
    );
  } else {
    throw new Mp4Error(`sample entry '${entry.type}' is neither H.264 nor H.265`);
  }
  return {
    codec: config.params.codec,
    params: config.params,
    codecString: codecInfo(config.params).codecString,
    width,
    height,
    timescale,
    trackId,
    nalLengthSize: config.nalLengthSize,
    sampleDefaults: trexDefaults(buf, moov, trackId),
    initLength: moov.end,
  };
}

/** The first complete top-level `moov`; stops at the first `moof`. */
export function findMoov(buf: Uint8Array): BoxHeader {
  let o = 0;
  for (;;) {
    const h = readBoxHeader(buf, o);
    if (h === undefined || h.end > buf.length) throw new Mp4Error('no complete moov box');
    if (h.type === 'moov') return h;
    if (h.type === 'moof' || h.type === 'mdat') throw new Mp4Error(`'${h.type}' before any moov`);
    o = h.end;
  }
}

/**
 * The per-sample defaults in `moov/mvex/trex` for `trackId` (the first `trex` when left out),
 * zeros when absent.
 */
export function trexDefaults(buf: Uint8Array, moov: BoxHeader, trackId?: number): SampleDefaults {
  const mvex = findChild(buf, moov, 'mvex');
  if (mvex !== undefined) {
    for (const h of readBoxes(buf, mvex.start + mvex.headerSize, mvex.end)) {
      if (h.type !== 'trex') continue;
      const r = new FieldReader(buf, h.start + h.headerSize, h.end, 'trex');
      r.skip(4, 'version and flags');
      const id = r.u32('track_ID');
      if (trackId !== undefined && id !== trackId) continue;
      r.skip(4, 'default_sample_description_index');
      const durationTicks = r.u32('default_sample_duration');
      const size = r.u32('default_sample_size');
      const flags = r.u32('default_sample_flags');
      return { durationTicks, size, flags };
    }
  }
  return { durationTicks: 0, size: 0, flags: 0 };
}

/** The first `trak` whose handler is `vide`. */
function videoTrak(buf: Uint8Array, moov: BoxHeader): BoxHeader {
  for (const h of readBoxes(buf, moov.start + moov.headerSize, moov.end)) {
    if (h.type !== 'trak') continue;
    const hdlr = findChild(buf, requireChild(buf, h, 'mdia'), 'hdlr');
    if (hdlr === undefined) continue;
    const r = new FieldReader(buf, hdlr.start + hdlr.headerSize, hdlr.end, 'hdlr');
    r.skip(8, 'version, flags and pre_defined');
    const handler = String.fromCharCode(...r.bytes(4, 'handler_type'));
    if (handler === 'vide') return h;
  }
  throw new Mp4Error("'moov' has no video track");
}
