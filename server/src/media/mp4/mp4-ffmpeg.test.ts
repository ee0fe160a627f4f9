import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegPath, ffprobePath } from '../../app/ffmpeg.ts';
import { groupAccessUnits } from '../bits/access-units.ts';
import { splitAnnexB } from '../bits/annexb.ts';
import { toAvcc } from '../bits/avcc.ts';
import type { CodecParams, VideoCodec } from '../types.ts';
import { readFragmentSamples } from './fragment-reader.ts';
import { scanFragments } from './fragment-scanner.ts';
import { writeFragment } from './fragment-writer.ts';
import { parseInitSegment } from './init-parser.ts';
import { writeInitSegment } from './init-writer.ts';

/**
 * End to end with real encoders and decoders: Annex B clips made by ffmpeg (libx264, libx265),
 * turned into access units, written as init + fragments, then checked with ffprobe and ffmpeg,
 * read back, and cut at every kind of place to check crash repair.
 */

const FPS = 25;
const TICKS = 90000 / FPS;
let dir = '';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vedetta-mp4-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(
  bin: string,
  args: string[],
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Encodes 2 s of testsrc2 (GOP 1 s, no B-frames) to a raw Annex B file and reads it. */
function encode(codec: VideoCodec): Uint8Array {
  const file = path.join(dir, `clip.${codec}`);
  const enc =
    codec === 'h264'
      ? ['-c:v', 'libx264', '-bf', '0', '-bsf:v', 'h264_mp4toannexb', '-f', 'h264']
      : [
          '-c:v',
          'libx265',
          '-x265-params',
          `bframes=0:keyint=${FPS}:min-keyint=${FPS}:scenecut=0:log-level=error`,
          '-f',
          'hevc',
        ];
  const r = run(ffmpegPath(), [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=${FPS}`],
    ...['-t', '2', '-g', String(FPS), '-pix_fmt', 'yuv420p', ...enc, file],
  ]);
  expect(r.stderr).toBe('');
  return new Uint8Array(fs.readFileSync(file));
}

interface Clip {
  params: CodecParams;
  samples: { data: Uint8Array; isKey: boolean }[];
}

/** Access units with the parameter sets taken out (they go into the sample entry). */
function toClip(stream: Uint8Array, codec: VideoCodec): Clip {
  const typeOf = (n: Uint8Array): number =>
    codec === 'h264' ? (n[0] ?? 0) & 0x1f : ((n[0] ?? 0) >> 1) & 0x3f;
  const paramTypes = codec === 'h264' ? [7, 8, 9] : [32, 33, 34, 35];
  const nalus = splitAnnexB(stream);
  const find = (t: number): Uint8Array => {
    const n = nalus.find((x) => typeOf(x) === t);
    if (n === undefined) throw new Error(`no NAL unit of type ${t}`);
    return n;
  };
  const params: CodecParams =
    codec === 'h264'
      ? { codec, sps: find(7), pps: find(8) }
      : { codec, vps: find(32), sps: find(33), pps: find(34) };
  const samples = groupAccessUnits(nalus, codec).map((au) => ({
    data: toAvcc(au.nalus.filter((n) => !paramTypes.includes(typeOf(n)))),
    isKey: au.isKey,
  }));
  return { params, samples };
}

/** Init segment plus one fragment per second. */
function mux(clip: Clip): { file: Uint8Array; fragmentEnds: number[] } {
  const parts = [writeInitSegment(clip.params, { timescale: 90000 })];
  const fragmentEnds: number[] = [];
  let size = parts[0]?.length ?? 0;
  for (let i = 0, seq = 1; i < clip.samples.length; i += FPS, seq++) {
    const samples = clip.samples
      .slice(i, i + FPS)
      .map((s) => ({ data: s.data, isKey: s.isKey, durationTicks: TICKS }));
    const frag = writeFragment({ sequenceNumber: seq, baseMediaDecodeTime: i * TICKS, samples });
    parts.push(frag);
    size += frag.length;
    fragmentEnds.push(size);
  }
  return { file: new Uint8Array(Buffer.concat(parts)), fragmentEnds };
}

function probe(file: string): { frames: number; duration: number; codec: string; width: number } {
  const r = run(ffprobePath(), [
    ...['-v', 'error', '-count_frames', '-of', 'json'],
    ...['-show_entries', 'stream=codec_name,width,nb_read_frames:format=duration', file],
  ]);
  expect(r.stderr).toBe('');
  const j = JSON.parse(r.stdout) as {
    streams: { codec_name: string; width: number; nb_read_frames: string }[];
    format: { duration: string };
  };
  const s = j.streams[0];
  return {
    frames: Number(s?.nb_read_frames),
    duration: Number(j.format.duration),
    codec: s?.codec_name ?? '',
    width: s?.width ?? 0,
  };
}

function decodeErrors(file: string): string {
  const r = run(ffmpegPath(), ['-v', 'error', '-i', file, '-f', 'null', '-']);
  return `${r.stderr}${r.status === 0 ? '' : `exit ${r.status}`}`;
}

describe.each(['h264', 'h265'] as const)('fragmented MP4 with %s', (codec) => {
  let clip: Clip;
  let file: Uint8Array;
  let fragmentEnds: number[];
  let filePath: string;

  beforeAll(() => {
    clip = toClip(encode(codec), codec);
    ({ file, fragmentEnds } = mux(clip));
    filePath = path.join(dir, `rec-${codec}.mp4`);
    fs.writeFileSync(filePath, file);
  });

  it('is decoded by ffmpeg without errors, with every frame and the right duration', () => {
    expect(clip.samples).toHaveLength(50);
    expect(decodeErrors(filePath)).toBe('');
    const p = probe(filePath);
    expect(p).toMatchObject({ frames: 50, codec: codec === 'h264' ? 'h264' : 'hevc', width: 640 });
    expect(Math.abs(p.duration - 2)).toBeLessThan(0.02);
  });

  it('reads the init segment back', () => {
    const init = parseInitSegment(file);
    expect(init).toMatchObject({ codec, width: 640, height: 360, timescale: 90000, trackId: 1 });
    expect(init.nalLengthSize).toBe(4);
    expect(init.params).toEqual(clip.params);
    expect(init.codecString).toMatch(
      codec === 'h264' ? /^avc1\.64001e$/ : /^hvc1\.1\.6\.L\d+\.90$/,
    );
  });

  it('scans the fragments and reads every sample back byte for byte', () => {
    const scan = scanFragments(file);
    expect(scan).toMatchObject({ validLength: file.length, tornBytes: 0, problem: undefined });
    expect(scan.init?.end).toBe(parseInitSegment(file).initLength);
    expect(scan.fragments.map((f) => f.end)).toEqual(fragmentEnds);
    expect(scan.fragments.map((f) => [f.sequenceNumber, f.baseMediaDecodeTime])).toEqual([
      [1, 0],
      [2, 90000],
    ]);
    for (const f of scan.fragments) {
      expect(f).toMatchObject({ sampleCount: 25, durationTicks: 90000, startsWithKey: true });
    }
    const read = scan.fragments.flatMap((f) => readFragmentSamples(file, f));
    expect(read).toHaveLength(50);
    for (const [i, s] of read.entries()) {
      const want = clip.samples[i];
      expect(Buffer.from(file.subarray(s.offset, s.offset + s.size))).toEqual(
        Buffer.from(want?.data ?? []),
      );
      expect(s.isKey).toBe(want?.isKey);
      expect(s.decodeTime).toBe(i * TICKS);
    }
    expect(read.filter((s) => s.isKey)).toHaveLength(2);
  });

  it('finds the valid prefix of a torn file, and the repaired file decodes cleanly', () => {
    const initEnd = scanFragments(file).init?.end ?? 0;
    const cuts = [1, 7, initEnd - 1, initEnd, initEnd + 5, initEnd + 200];
    for (const end of fragmentEnds) cuts.push(end - 1, end, end + 8, end + 100);
    for (let c = 10; c < file.length; c += 997) cuts.push(c);
    for (const cut of cuts.filter((c) => c > 0 && c <= file.length)) {
      const scan = scanFragments(file.subarray(0, cut));
      // Complete pieces: ftyp (32 bytes), moov, then whole fragments.
      const pieces = [0, 32, initEnd, ...fragmentEnds].filter((e) => e <= cut);
      expect(scan.validLength, `cut at ${cut}`).toBe(pieces[pieces.length - 1]);
      expect(scan.tornBytes).toBe(cut - scan.validLength);
      expect(scan.init === undefined).toBe(cut < initEnd);
      expect(scan.problem === undefined).toBe(pieces.includes(cut));
    }
    const cut = (fragmentEnds[0] ?? 0) + 5000;
    const scan = scanFragments(file.subarray(0, cut));
    expect(scan.fragments).toHaveLength(1);
    expect(scan.problem).toMatch(/cut off/);
    const repaired = path.join(dir, `repaired-${codec}.mp4`);
    fs.writeFileSync(repaired, file.subarray(0, scan.validLength));
    expect(decodeErrors(repaired)).toBe('');
    expect(probe(repaired).frames).toBe(25);
  });
});
