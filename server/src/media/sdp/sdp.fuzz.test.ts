import { describe, expect, it } from 'vitest';
import { mutate, randomBytes, randomInt, seededRandom } from '../bits/fuzz.ts';
import { SdpParseError } from './errors.ts';
import { videoStreams } from './video.ts';
import { writeSdp } from './write.ts';

const SAMPLES = [
  [
    'v=0',
    'o=- 1109162014219182 1109162014219192 IN IP4 192.168.1.64',
    's=Media Presentation',
    't=0 0',
    'a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/',
    'm=video 0 RTP/AVP 96',
    'c=IN IP4 0.0.0.0',
    'a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1',
    'a=rtpmap:96 H264/90000',
    'a=fmtp:96 profile-level-id=420029; packetization-mode=1; sprop-parameter-sets=Z00AKpY1QPAET8s3AQEBAg==,aO48gA==',
    'a=framerate:25',
    'm=audio 0 RTP/AVP 0',
    '',
  ].join('\r\n'),
  writeSdp({
    codec: 'h265',
    payloadType: 98,
    control: 'trackID=0',
    params: {
      codec: 'h265',
      vps: new Uint8Array([0x40, 1, 0x0c, 1]),
      sps: new Uint8Array([0x42, 1, 1, 1]),
      pps: new Uint8Array([0x44, 1, 0xc0, 0xf2]),
    },
  }),
];

describe('SDP fuzz', () => {
  it('20k mutated and random descriptions throw only SdpParseError', () => {
    const enc = new TextEncoder();
    const dec = new TextDecoder();
    let streams = 0;
    for (let seed = 1; seed <= 20_000; seed++) {
      const rand = seededRandom(seed);
      const sample = enc.encode(SAMPLES[seed % SAMPLES.length] ?? '');
      const text = dec.decode(
        seed % 10 === 0 ? randomBytes(rand, randomInt(rand, 500)) : mutate(sample, rand, 6),
      );
      try {
        streams += videoStreams(text, 'rtsp://cam/base').length;
      } catch (err) {
        if (!(err instanceof SdpParseError))
          throw new Error(`seed ${seed}: ${String(err)}`, { cause: err });
      }
    }
    expect(streams).toBeGreaterThan(5_000);
  });
});
