/**
 * The recording path's in-memory cost, without sockets, disk or another process: the ingest
 * benchmark's 1080p H.264 clip (~2 Mbit/s, 25 fps, GOP 2 s), packetised as the simulator sends
 * it, is fed one frame's packets per read through the RTSP stream parser, the media pipeline
 * (RTP header, sequence, depacketizer lending its access units, timeline), the hub and the
 * segmenter, as the ingest manager and the recorder wire them; each fragment's bytes are hashed
 * as the segment writer hashes them. Measured by the process's own CPU time, so it is far less
 * noisy than `bench:ingest` on a shared machine, and it shows what the JavaScript costs per RTP
 * packet and per frame.
 *
 * Compared in the same run with the floor of the same work: SHA-256 of the same fragment bytes
 * alone, and one copy of every payload (what depacketizing at least costs).
 *
 *   npm run bench:media-path -- [--seconds 600] [--rounds 5]
 *
 * `--seconds` is the stream time fed per round (one camera); figures are also given as % of a
 * core at 200 cameras in real time.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Clock } from '../src/app/clock.ts';
import { silentLogger } from '../src/app/logger.ts';
import { StreamHub } from '../src/ingest/hub.ts';
import { MediaPipeline } from '../src/ingest/media-pipeline.ts';
import type { StreamEvent } from '../src/ingest/types.ts';
import { RtspStreamParser } from '../src/media/rtsp/stream-parser.ts';
import { Segmenter } from '../src/recording/segmenter.ts';
import { clipPictures } from '../src/sim/clip-pictures.ts';
import { normaliseClip } from '../src/sim/clip-spec.ts';
import { MediaCache } from '../src/sim/media-cache.ts';
import { prepareClip, stampFrame, VIDEO_PAYLOAD_TYPE } from '../src/sim/prepared-clip.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '600' },
    rounds: { type: 'string', default: '5' },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
if (!(seconds > 0) || !(rounds > 0)) {
  console.error('usage: media-path.ts [--seconds N] [--rounds N]');
  process.exit(2);
}
const CAMERAS = 200;

const spec = normaliseClip({
  codec: 'h264',
  width: 1920,
  height: 1080,
  fps: 25,
  gopSeconds: 2,
  bitrateKbps: 2000,
});
const cache = new MediaCache({});
const file = await cache.ensure(spec);
const clip = prepareClip(spec, clipPictures(spec.codec, new Uint8Array(await readFile(file))));
const frameCount = Math.round(seconds * spec.fps);
// The wire as the camera sends it: each frame's packets stamped with running numbers.
const wires: Uint8Array[] = [];
let seq = 0;
let packets = 0;
let payloadBytes = 0;
for (let i = 0; i < frameCount; i++) {
  const frame = clip.frames[i % clip.frames.length];
  if (frame === undefined) throw new Error('empty clip');
  wires.push(
    stampFrame(frame, { channel: 0, firstSeq: seq, timestamp: i * clip.frameTicks, ssrc: 7 }),
  );
  seq += frame.offsets.length;
  packets += frame.offsets.length;
  payloadBytes += frame.payloadBytes;
}

/** A clock the pipeline reads; time moves one frame interval per read. */
let nowMs = Date.UTC(2026, 10, 26);
let monoMs = 1000;
const clock: Clock = {
  nowMs: () => nowMs,
  monotonicMs: () => monoMs,
  setTimeout: () => ({ cancel: () => undefined }),
};

let gcCount = 0;
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcCount++;
    gcMs += e.duration;
  }
}).observe({ entryTypes: ['gc'] });

interface Figures {
  cpuMs: number;
  frames: number;
  hashed: number;
}

/** Feeds the whole wire through the path; returns the CPU it took. */
function runPath(hash: boolean): Figures {
  const hub = new StreamHub('cam', 'main', { clock, logger: silentLogger() });
  const segmenter = new Segmenter();
  let frames = 0;
  let hashed = 0;
  const digest = createHash('sha256');
  hub.subscribe(
    {
      onEvent(event: StreamEvent) {
        if (event.type === 'frame') frames++;
        for (const action of segmenter.push(event)) {
          if (action.type !== 'fragment') continue;
          if (hash) for (const b of action.fragment.bytes) digest.update(b);
          for (const b of action.fragment.bytes) hashed += b.length;
          action.fragment.buffers.release();
        }
      },
    },
    { acceptsLent: true, name: 'recorder' },
  );
  const pipeline = new MediaPipeline(
    {
      codec: 'h264',
      payloadType: VIDEO_PAYLOAD_TYPE,
      sdpParams: clip.params,
      lendFrames: true,
    },
    (event) => hub.publish(event),
  );
  const parser = new RtspStreamParser({
    onInterleaved: (channel, data, start, end) => {
      if (channel === 0) pipeline.rtpAt(data, start, end, nowMs, monoMs);
    },
  });
  const t0 = process.cpuUsage();
  for (const wire of wires) {
    nowMs += 40;
    monoMs += 40;
    parser.push(wire);
  }
  const t = process.cpuUsage(t0);
  return { cpuMs: (t.user + t.system) / 1000, frames, hashed };
}

/** The floor: one copy of every payload and SHA-256 over the same bytes, nothing else. */
function runFloor(): Figures {
  const scratch = new Uint8Array(4 * 1024 * 1024);
  const digest = createHash('sha256');
  const t0 = process.cpuUsage();
  let at = 0;
  let hashed = 0;
  for (let f = 0; f < wires.length; f++) {
    const wire = wires[f];
    const frame = clip.frames[f % clip.frames.length];
    if (wire === undefined || frame === undefined) continue;
    for (const o of frame.offsets) {
      const size = ((wire[o + 2] ?? 0) << 8) | (wire[o + 3] ?? 0);
      if (at + size > scratch.length) {
        digest.update(scratch.subarray(0, at));
        hashed += at;
        at = 0;
      }
      scratch.set(wire.subarray(o + 16, o + 4 + size), at);
      at += size - 12;
    }
  }
  digest.update(scratch.subarray(0, at));
  hashed += at;
  const t = process.cpuUsage(t0);
  return { cpuMs: (t.user + t.system) / 1000, frames: wires.length, hashed };
}

const pct = (cpuMs: number): string => ((100 * CAMERAS * cpuMs) / (seconds * 1000)).toFixed(2);
console.log(
  `media path: ${spec.width}x${spec.height} H.264 ${spec.bitrateKbps} kbit/s ${spec.fps} fps, ` +
    `${seconds} s per round (${frameCount} frames, ${packets} RTP packets, ` +
    `${(payloadBytes / 1e6).toFixed(1)} MB), ${rounds} rounds; Node ${process.version}`,
);
console.log(
  '| round | what | CPU ms | ns/packet | µs/frame | % of a core at 200 cameras | GCs | GC ms |',
);
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
const best = new Map<string, number>();
for (let r = 1; r <= rounds; r++) {
  for (const [name, run] of [
    ['floor (copy + SHA-256)', runFloor],
    ['path + SHA-256', () => runPath(true)],
    ['path', () => runPath(false)],
  ] as const) {
    const g0 = gcCount;
    const gm0 = gcMs;
    const f = run();
    // Garbage collections are reported to the observer after the run, not during it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (name !== 'floor (copy + SHA-256)' && f.frames !== frameCount) {
      throw new Error(`${name}: ${f.frames} frames came out of ${frameCount}`);
    }
    best.set(name, Math.min(best.get(name) ?? Infinity, f.cpuMs));
    console.log(
      `| ${r} | ${name} | ${f.cpuMs.toFixed(0)} | ${((f.cpuMs * 1e6) / packets).toFixed(0)} | ` +
        `${((f.cpuMs * 1e3) / frameCount).toFixed(2)} | ${pct(f.cpuMs)} | ${gcCount - g0} | ${(gcMs - gm0).toFixed(0)} |`,
    );
  }
}
console.log('\nbest of the rounds, % of a core at 200 cameras:');
for (const [name, ms] of best) console.log(`  ${name.padEnd(24)} ${pct(ms)} %`);
