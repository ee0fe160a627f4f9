/**
 * Helpers of the ingest integration tests: an event collector subscribed to a hub, polling with a
 * deadline, a seeded random source, a fake "camera" TCP server that speaks just enough RTSP to get
 * to PLAY and then sends what it is told (random bytes, random RTP), and a synthetic H.264 stream.
 */
import net from 'node:net';
import { packetizeH264 } from '../../src/media/h264/packetizer.ts';
import { writeRtpPacket } from '../../src/media/rtp/packet.ts';
import {
  RtspStreamParser,
  cseqOf,
  writeInterleavedFrame,
  writeResponse,
} from '../../src/media/rtsp/index.ts';
import { writeSdp } from '../../src/media/sdp/index.ts';
import type { HubSubscriber } from '../../src/ingest/hub.ts';
import type { StreamEvent, TimedAccessUnit } from '../../src/ingest/types.ts';
import type { H264Params } from '../../src/media/types.ts';
import { waitFor as waitForCondition } from '../support/wait-for.ts';

/** A real 320x180 H.264 SPS and PPS, so that random key frames can start a stream. */
const SPROP: H264Params = {
  codec: 'h264',
  sps: Buffer.from('6742c00cda05067e7c0440000003004000000c83c50aa8', 'hex'),
  pps: Buffer.from('68ce3c80', 'hex'),
};

/** Collects a hub's events with their arrival time (performance.now()). */
export class Collector implements HubSubscriber {
  readonly events: { event: StreamEvent; at: number }[] = [];
  onEvent(event: StreamEvent): void {
    this.events.push({ event, at: performance.now() });
  }
  frames(since = 0): TimedAccessUnit[] {
    const out: TimedAccessUnit[] = [];
    for (const { event, at } of this.events)
      if (at >= since && event.type === 'frame') out.push(event.frame);
    return out;
  }
  ofType<T extends StreamEvent['type']>(
    type: T,
    since = 0,
  ): { event: Extract<StreamEvent, { type: T }>; at: number }[] {
    return this.events.filter(
      (e): e is { event: Extract<StreamEvent, { type: T }>; at: number } =>
        e.event.type === type && e.at >= since,
    );
  }
}

/**
 * Polls `predicate` every 20 ms until it holds, or fails after `timeoutMs` naming `what`: the
 * shared `waitFor` of test/support, in the argument order the ingest tests use.
 */
export async function waitFor(
  predicate: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  await waitForCondition(predicate, { timeoutMs, what });
}

/** A small seeded PRNG (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random bytes from `rand`. */
export function randomBytes(rand: () => number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

/** What the fake camera does once a client connects (`garbage`) or has sent PLAY (`rtsp`). */
export type FakeCameraMode = 'garbage' | 'rtsp';

/** Produces the bytes a fake camera sends on one connection, one call per tick. */
export type FakeSession = () => Uint8Array;

/**
 * A fake camera on 127.0.0.1. Connection number n gets `session(n)`, called every `tickMs` once
 * the client connected (`garbage`) or sent PLAY (`rtsp`, after a valid H.264 handshake).
 */
export class FakeCamera {
  connections = 0;
  private readonly sockets = new Set<net.Socket>();
  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(
    mode: FakeCameraMode,
    session: (n: number) => FakeSession,
    tickMs = 20,
  ): Promise<FakeCamera> {
    const ref: { camera?: FakeCamera } = {};
    const server = net.createServer((socket) => {
      const fake = ref.camera;
      if (!fake) return;
      const next = session(fake.connections++);
      fake.sockets.add(socket);
      let timer: NodeJS.Timeout | undefined;
      const pump = () => {
        timer = setInterval(() => {
          if (!socket.destroyed) socket.write(next());
        }, tickMs);
      };
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        fake.sockets.delete(socket);
      });
      if (mode === 'garbage') {
        pump();
        return;
      }
      const parser = new RtspStreamParser();
      socket.on('data', (chunk: Buffer) => {
        let items;
        try {
          items = parser.push(new Uint8Array(chunk));
        } catch {
          socket.destroy();
          return;
        }
        for (const item of items) {
          if (item.kind !== 'request') continue;
          const headers: [string, string][] = [['CSeq', String(cseqOf(item) ?? 0)]];
          let body: string | undefined;
          if (item.method === 'DESCRIBE') {
            headers.push(['Content-Type', 'application/sdp'], ['Content-Base', `${item.uri}/`]);
            body = writeSdp({
              codec: 'h264',
              payloadType: 96,
              control: 'trackID=0',
              params: SPROP,
            });
          } else if (item.method === 'SETUP') {
            headers.push(
              ['Transport', 'RTP/AVP/TCP;unicast;interleaved=0-1'],
              ['Session', 'fake;timeout=60'],
            );
          } else if (item.method === 'PLAY') {
            headers.push(['Session', 'fake']);
          }
          socket.write(writeResponse({ statusCode: 200, headers, body }));
          if (item.method === 'PLAY') pump();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    ref.camera = new FakeCamera(server, address.port);
    return ref.camera;
  }

  /** `rtsp://127.0.0.1:PORT/fake`. */
  get url(): string {
    return `rtsp://127.0.0.1:${this.port}/fake`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A synthetic H.264 stream, one frame per call (use a 40 ms tick): a key frame (SPS, PPS, IDR)
 * every `gop` frames, P frames between (slices that start their picture, random data after),
 * packetized with STAP-A and FU-A. `dropPacket(i)` true
 * leaves out one packet of frame i (its sequence number is used up: a loss).
 */
export function syntheticH264(
  opts: { gop?: number; dropPacket?: (frame: number) => boolean } = {},
): FakeSession {
  const gop = opts.gop ?? 25;
  const rand = seeded(42);
  let frame = 0;
  let seq = 1000;
  return () => {
    const i = frame++;
    const nalus =
      i % gop === 0
        ? [SPROP.sps, SPROP.pps, concat([0x65, 0x88], randomBytes(rand, 3000))]
        : [concat([0x41, 0x9a], randomBytes(rand, 900))];
    const payloads = packetizeH264(nalus, 1400);
    const drop = opts.dropPacket?.(i) === true ? Math.floor(payloads.length / 2) : -1;
    const out: Uint8Array[] = [];
    payloads.forEach((payload, k) => {
      const sequenceNumber = seq++ & 0xffff;
      if (k === drop) return;
      const rtp = writeRtpPacket({
        marker: k === payloads.length - 1,
        payloadType: 96,
        sequenceNumber,
        timestamp: (i * 3600) >>> 0,
        ssrc: 0x1234,
        payload,
      });
      out.push(writeInterleavedFrame(0, rtp));
    });
    return Buffer.concat(out);
  };
}

function concat(head: number[], tail: Uint8Array): Uint8Array {
  const out = new Uint8Array(head.length + tail.length);
  out.set(head, 0);
  out.set(tail, head.length);
  return out;
}
