/**
 * The pure part of WebRTC signalling: reading a browser's SDP offer for what the answer needs
 * (the video m-section's mid and its H.264 payload types), and choosing the payload type to send
 * the camera's H.264 on. Chromium offers only Baseline, Main and Constrained High profiles, yet
 * decodes a High-profile stream negotiated as `42e01f`: so an exact profile match is preferred,
 * then `42e01f` with packetization-mode 1, then any H.264 with packetization-mode 1.
 */
import { invalidArgument } from '../app/index.ts';

/** One H.264 payload type offered. */
export interface OfferedH264 {
  payloadType: number;
  /** `profile-level-id`, lower-case hex (e.g. `42e01f`); empty when absent. */
  profileLevelId: string;
  packetizationMode: number;
  /** The whole `a=fmtp` value. */
  fmtp: string;
}

/** What an offer says about its video. */
export interface VideoOffer {
  mid: string;
  h264: OfferedH264[];
}

/** Reads the first video m-section of an SDP offer; throws `invalid_argument` naming the problem. */
export function parseVideoOffer(sdp: string): VideoOffer {
  if (sdp.length > 64 * 1024) throw invalidArgument('sdp: offer longer than 64 KiB');
  if (!sdp.startsWith('v=0')) throw invalidArgument('sdp: not an SDP offer (must start with v=0)');
  const lines = sdp.split(/\r?\n/);
  let inVideo = false;
  let seenVideo = false;
  let mid: string | undefined;
  const codecs = new Map<number, string>();
  const fmtps = new Map<number, string>();
  for (const line of lines) {
    if (line.startsWith('m=')) {
      if (seenVideo) break;
      inVideo = line.startsWith('m=video ');
      seenVideo = inVideo;
      continue;
    }
    if (!inVideo) continue;
    if (line.startsWith('a=mid:')) mid = line.slice(6).trim();
    const rtpmap = /^a=rtpmap:(\d+) ([^/\s]+)\/(\d+)/.exec(line);
    if (rtpmap) codecs.set(Number(rtpmap[1]), (rtpmap[2] ?? '').toUpperCase());
    const fmtp = /^a=fmtp:(\d+) (.*)$/.exec(line);
    if (fmtp) fmtps.set(Number(fmtp[1]), (fmtp[2] ?? '').trim());
  }
  if (!seenVideo) throw invalidArgument('sdp: the offer has no video m-section');
  if (mid === undefined || mid === '')
    throw invalidArgument('sdp: the video m-section has no a=mid');
  const h264: OfferedH264[] = [];
  for (const [payloadType, name] of codecs) {
    if (name !== 'H264') continue;
    const fmtp = fmtps.get(payloadType) ?? '';
    const params = new Map(
      fmtp
        .split(';')
        .map((kv) => kv.trim().split('='))
        .map(([k, v]) => [(k ?? '').toLowerCase(), v ?? ''] as const),
    );
    h264.push({
      payloadType,
      profileLevelId: (params.get('profile-level-id') ?? '').toLowerCase(),
      packetizationMode: Number(params.get('packetization-mode') ?? '0'),
      fmtp,
    });
  }
  return { mid, h264 };
}

/**
 * The payload type to send on, for a camera whose SPS has `profileIdc` (66, 77, 100...).
 * Throws `failed_precondition` when the browser offers no H.264 with packetization-mode 1.
 */
export function chooseH264(offer: VideoOffer, profileIdc: number): OfferedH264 {
  const mode1 = offer.h264.filter((c) => c.packetizationMode === 1);
  const profileHex = profileIdc.toString(16).padStart(2, '0');
  const exact = mode1.find((c) => c.profileLevelId.startsWith(profileHex));
  const baseline = mode1.find((c) => c.profileLevelId === '42e01f');
  const chosen = exact ?? baseline ?? mode1[0];
  if (chosen === undefined) {
    throw invalidArgument('sdp: the browser offers no H.264 with packetization-mode=1');
  }
  return chosen;
}
