import { describe, expect, it } from 'vitest';
import { chooseH264, parseVideoOffer } from './webrtc-offer.ts';

/** The video part of an offer as Chromium writes it (trimmed). */
const CHROMIUM_OFFER = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 105 106 107 112',
  'c=IN IP4 0.0.0.0',
  'a=mid:0',
  'a=recvonly',
  'a=rtpmap:96 VP8/90000',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rtpmap:102 H264/90000',
  'a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f',
  'a=rtpmap:104 H264/90000',
  'a=fmtp:104 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f',
  'a=rtpmap:106 H264/90000',
  'a=fmtp:106 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
  'a=rtpmap:112 H264/90000',
  'a=fmtp:112 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'a=mid:1',
  '',
].join('\r\n');

describe('WebRTC offers', () => {
  it('reads the video mid and its H.264 payload types', () => {
    const offer = parseVideoOffer(CHROMIUM_OFFER);
    expect(offer.mid).toBe('0');
    expect(offer.h264.map((c) => [c.payloadType, c.profileLevelId, c.packetizationMode])).toEqual([
      [102, '42001f', 1],
      [104, '42001f', 0],
      [106, '42e01f', 1],
      [112, '4d001f', 1],
    ]);
  });

  it('sends High on 42e01f (Chromium decodes it), Main on Main, never packetization-mode 0', () => {
    const offer = parseVideoOffer(CHROMIUM_OFFER);
    expect(chooseH264(offer, 100).payloadType).toBe(106);
    expect(chooseH264(offer, 77).payloadType).toBe(112);
    expect(chooseH264(offer, 66).packetizationMode).toBe(1);
    expect(() => chooseH264({ mid: '0', h264: [] }, 100)).toThrow('packetization-mode=1');
  });

  it('refuses what is not an offer with video', () => {
    expect(() => parseVideoOffer('hello')).toThrow('must start with v=0');
    expect(() => parseVideoOffer('v=0\r\nm=audio 9 RTP 0\r\n')).toThrow('no video m-section');
    expect(() => parseVideoOffer('v=0\r\nm=video 9 RTP 96\r\n')).toThrow('no a=mid');
    expect(() => parseVideoOffer(`v=0${'x'.repeat(70_000)}`)).toThrow('64 KiB');
  });
});
