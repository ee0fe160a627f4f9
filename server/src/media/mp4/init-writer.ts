import type { CodecParams } from '../types.ts';
import { box, ByteWriter, fullBox } from './box-writer.ts';
import { codecInfo } from './codec-info.ts';
import { Mp4Error } from './mp4-error.ts';

/**
 * The initialization segment of a fragmented MP4 with one video track: `ftyp` and `moov` (movie
 * and track headers, the `avc1`/`hvc1` sample entry with its `avcC`/`hvcC`, empty sample tables,
 * and `mvex/trex` announcing that samples come in movie fragments).
 */

/** The track id of the video track in every file Vedetta writes. */
export const VIDEO_TRACK_ID = 1;

/** Track properties of an init segment. */
export interface InitInfo {
  /** Ticks per second of the track's timestamps (90000 for RTP video). */
  timescale: number;
  /** Display size; taken from the SPS when left out. */
  width?: number;
  height?: number;
}

/** 16.16 fixed-point identity matrix of `mvhd` and `tkhd`. */
const MATRIX = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000];

/**
 * Writes `ftyp` + `moov` for one H.264 or H.265 video track. Throws `Mp4Error` when the SPS cannot
 * be parsed or a value does not fit its field.
 */
export function writeInitSegment(params: CodecParams, info: InitInfo): Uint8Array {
  const { timescale } = info;
  if (!Number.isInteger(timescale) || timescale <= 0 || timescale >= 2 ** 32) {
    throw new Mp4Error(`timescale ${timescale} is not a positive 32-bit integer`);
  }
  const codec = codecInfo(params);
  const width = info.width ?? codec.width;
  const height = info.height ?? codec.height;
  if (!isU16(width) || !isU16(height) || width === 0 || height === 0) {
    throw new Mp4Error(`picture size ${width}x${height} does not fit a sample entry`);
  }
  const ftyp = box(
    'ftyp',
    new ByteWriter()
      .fourcc('iso6')
      .u32(0)
      .fourcc('iso6')
      .fourcc('isom')
      .fourcc('mp41')
      .fourcc('iso5')
      .finish(),
  );
  const sampleEntry = box(
    codec.sampleEntry,
    new ByteWriter()
      .zeros(6)
      .u16(1) // data_reference_index
      .zeros(16) // pre_defined, reserved
      .u16(width)
      .u16(height)
      .u32(0x00480000) // 72 dpi
      .u32(0x00480000)
      .u32(0)
      .u16(1) // frame_count
      .zeros(32) // compressorname
      .u16(0x0018) // depth
      .u16(0xffff) // pre_defined = -1
      .finish(),
    box(codec.configBox, codec.configPayload),
  );
  const stbl = box(
    'stbl',
    fullBox('stsd', 0, 0, u32(1), sampleEntry),
    fullBox('stts', 0, 0, u32(0)),
    fullBox('stsc', 0, 0, u32(0)),
    fullBox('stsz', 0, 0, u32(0), u32(0)),
    fullBox('stco', 0, 0, u32(0)),
  );
  const minf = box(
    'minf',
    fullBox('vmhd', 0, 1, new Uint8Array(8)),
    box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
    stbl,
  );
  const mdia = box(
    'mdia',
    fullBox(
      'mdhd',
      0,
      0,
      new ByteWriter().u32(0).u32(0).u32(timescale).u32(0).u16(0x55c4).u16(0).finish(),
    ),
    fullBox(
      'hdlr',
      0,
      0,
      new ByteWriter()
        .u32(0)
        .fourcc('vide')
        .zeros(12)
        .bytes(new TextEncoder().encode('VideoHandler\0'))
        .finish(),
    ),
    minf,
  );
  const tkhd = fullBox(
    'tkhd',
    0,
    3, // track_enabled | track_in_movie
    writeMatrix(
      new ByteWriter()
        .u32(0) // creation_time
        .u32(0) // modification_time
        .u32(VIDEO_TRACK_ID)
        .u32(0)
        .u32(0) // duration: unknown, fragments follow
        .zeros(8)
        .u16(0) // layer
        .u16(0) // alternate_group
        .u16(0) // volume
        .u16(0),
    )
      .u32(width * 0x10000)
      .u32(height * 0x10000)
      .finish(),
  );
  const mvhd = fullBox(
    'mvhd',
    0,
    0,
    writeMatrix(
      new ByteWriter()
        .u32(0)
        .u32(0)
        .u32(timescale)
        .u32(0) // duration: unknown, fragments follow
        .u32(0x00010000) // rate 1.0
        .u16(0x0100) // volume 1.0
        .zeros(10),
    )
      .zeros(24) // pre_defined
      .u32(VIDEO_TRACK_ID + 1) // next_track_ID
      .finish(),
  );
  const mvex = box(
    'mvex',
    fullBox(
      'trex',
      0,
      0,
      new ByteWriter().u32(VIDEO_TRACK_ID).u32(1).u32(0).u32(0).u32(0).finish(),
    ),
  );
  const moov = box('moov', mvhd, box('trak', tkhd, mdia), mvex);
  const out = new Uint8Array(ftyp.length + moov.length);
  out.set(ftyp, 0);
  out.set(moov, ftyp.length);
  return out;
}

function u32(v: number): Uint8Array {
  return new ByteWriter().u32(v).finish();
}

function isU16(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v < 0x10000;
}

/** Appends the 36-byte identity transformation matrix. */
function writeMatrix(w: ByteWriter): ByteWriter {
  for (const m of MATRIX) w.u32(m);
  return w;
}
