/**
 * Test helpers that relate what a client received to what the simulator prepared: grouping RTP
 * packets into frames, and loading the same prepared clip the simulator plays.
 */
import { ClipLoader } from './simulator.ts';
import { MediaCache } from './media-cache.ts';
import type { ClipRequest } from './clip-spec.ts';
import type { PreparedClip, PreparedFrame } from './prepared-clip.ts';
import type { ReceivedRtp } from './test-client.ts';

/** Received packets grouped by frame (a frame ends at a packet with the marker bit). */
export function receivedFrames(packets: readonly ReceivedRtp[]): ReceivedRtp[][] {
  const frames: ReceivedRtp[][] = [];
  let current: ReceivedRtp[] = [];
  for (const p of packets) {
    current.push(p);
    if (p.marker) {
      frames.push(current);
      current = [];
    }
  }
  return frames;
}

/** The RTP payloads of a prepared frame, as a client would receive them. */
export function preparedPayloads(frame: PreparedFrame): Uint8Array[] {
  return frame.offsets.map((o) => {
    const size = frame.wire.readUInt16BE(o + 2);
    return frame.wire.subarray(o + 4 + 12, o + 4 + size);
  });
}

/** True if a received frame carries exactly the payloads of a prepared one. */
export function samePayloads(received: readonly ReceivedRtp[], frame: PreparedFrame): boolean {
  const expected = preparedPayloads(frame);
  return (
    received.length === expected.length &&
    received.every((p, i) => Buffer.from(p.payload).equals(expected[i] ?? new Uint8Array(0)))
  );
}

/** Loads a clip exactly as the simulator does (from the same cache folder). */
export function loadPreparedClip(req: ClipRequest, cacheDir?: string): Promise<PreparedClip> {
  return new ClipLoader(new MediaCache({ dir: cacheDir }), undefined).load(req);
}
