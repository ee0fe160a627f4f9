import { describe, expect, it } from 'vitest';
import { resolveControl, sdpBaseUrl, sessionControl } from './control.ts';
import { SdpParseError } from './errors.ts';
import { decodeNalBase64 } from './fmtp.ts';
import { parseSdp } from './parse.ts';
import { videoStreams } from './video.ts';
import { writeSdp } from './write.ts';

const HIKVISION = [
  'v=0',
  'o=- 1109162014219182 1109162014219192 IN IP4 192.168.1.64',
  's=Media Presentation',
  'e=NONE',
  'b=AS:5050',
  't=0 0',
  'a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/',
  'm=video 0 RTP/AVP 96',
  'c=IN IP4 0.0.0.0',
  'b=AS:5000',
  'a=recvonly',
  'a=x-dimensions:1920,1080',
  'a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1',
  'a=rtpmap:96 H264/90000',
  'a=fmtp:96 profile-level-id=420029; packetization-mode=1; sprop-parameter-sets=Z00AKpY1QPAET8s3AQEBAg==,aO48gA==',
  'm=application 0 RTP/AVP 107',
  'c=IN IP4 0.0.0.0',
  'b=AS:5000',
  'a=recvonly',
  'a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=3',
  'a=rtpmap:107 isapi.metadata/90000',
  '',
].join('\r\n');

const AXIS = [
  'v=0',
  'o=- 1234 1 IN IP4 192.168.0.90',
  's=Session streamed with GStreamer',
  'i=rtsp-server',
  't=0 0',
  'a=range:npt=now-',
  'm=video 0 RTP/AVP 96',
  'c=IN IP4 0.0.0.0',
  'a=rtpmap:96 H264/90000',
  'a=fmtp:96 packetization-mode=1;profile-level-id=4d0029;sprop-parameter-sets=Z00AKeKQDwBE/LgLcBAQGkHiRFQ=,aO48gA==',
  'a=control:stream=0',
  'a=framerate:30.000000',
  'm=audio 0 RTP/AVP 97',
  'a=rtpmap:97 MPEG4-GENERIC/16000/1',
  'a=control:stream=1',
  '',
].join('\n');

const H265 = [
  'v=0',
  'o=- 0 0 IN IP4 127.0.0.1',
  's=No Name',
  't=0 0',
  'a=control:*',
  'm=video 0 RTP/AVP 98',
  'a=rtpmap:98 H265/90000',
  'a=fmtp:98 sprop-vps=QAEMAf//AWAAAAMAkAAAAwAAAwB4mZgJ; sprop-sps=QgEBAWAAAAMAkAAAAwAAAwB4oAPAgBDlja5JMvTcBAQEAg==; sprop-pps=RAHA8vA8kAA=',
  'a=control:trackID=0',
  '',
].join('\r\n');

describe('parseSdp', () => {
  it('parses sessions and media sections', () => {
    const s = parseSdp(HIKVISION);
    expect(s.version).toBe(0);
    expect(s.sessionName).toBe('Media Presentation');
    expect(s.media.map((m) => m.type)).toEqual(['video', 'application']);
    expect(s.media[0]?.formats).toEqual(['96']);
    expect(s.media[0]?.bandwidths).toEqual(['AS:5000']);
    expect(s.media[0]?.attributes).toContainEqual({ name: 'recvonly', value: undefined });
  });

  it('names what is malformed', () => {
    expect(() => parseSdp('')).toThrow(/empty SDP/);
    expect(() => parseSdp('o=- 1 1 IN IP4 1.2.3.4\r\nv=0')).toThrow(/line 1: SDP must start/);
    expect(() => parseSdp('v=0\r\nhello')).toThrow(/line 2: not "<letter>=<value>"/);
    expect(() => parseSdp('v=0\r\nm=video x RTP/AVP 96')).toThrow(/line 2: malformed media line/);
    expect(() => parseSdp('v=x')).toThrow(SdpParseError);
  });
});

describe('videoStreams', () => {
  it('reads a Hikvision H.264 stream with absolute control and sprop parameter sets', () => {
    const base = sdpBaseUrl(
      'rtsp://192.168.1.64:554/Streaming/Channels/101',
      'rtsp://192.168.1.64:554/Streaming/Channels/101/',
    );
    const [v, ...rest] = videoStreams(HIKVISION, base);
    expect(rest).toHaveLength(0);
    expect(v).toMatchObject({
      codec: 'h264',
      encodingName: 'H264',
      payloadType: 96,
      clockRate: 90000,
      control: 'rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1',
      packetizationMode: 1,
      profileLevelId: '420029',
      warnings: [],
    });
    expect(v?.params).toEqual({
      codec: 'h264',
      sps: new Uint8Array(Buffer.from('Z00AKpY1QPAET8s3AQEBAg==', 'base64')),
      pps: new Uint8Array([0x68, 0xee, 0x3c, 0x80]),
    });
  });

  it('resolves relative controls of an Axis camera and reads the frame rate', () => {
    const base = 'rtsp://192.168.0.90:554/axis-media/media.amp';
    const [v] = videoStreams(AXIS, base);
    expect(v?.control).toBe('rtsp://192.168.0.90:554/axis-media/media.amp/stream=0');
    expect(v?.framerate).toBe(30);
    expect(v?.params?.codec).toBe('h264');
  });

  it('reads H.265 sprop-vps/sps/pps', () => {
    const [v] = videoStreams(H265, 'rtsp://127.0.0.1:8554/cam1/');
    expect(v?.codec).toBe('h265');
    expect(v?.control).toBe('rtsp://127.0.0.1:8554/cam1/trackID=0');
    const p = v?.params;
    if (p?.codec !== 'h265') throw new Error('expected H.265 params');
    expect([p.vps[0], p.sps[0], p.pps[0]]).toEqual([0x40, 0x42, 0x44]);
  });

  it('turns broken parameter sets into warnings, and keeps unknown codecs', () => {
    const sdp = [
      'v=0',
      's=x',
      'm=video 0 RTP/AVP 96 26',
      'a=rtpmap:96 H264/90000',
      'a=fmtp:96 sprop-parameter-sets=!!!,aO48gA==',
      'm=video 0 RTP/AVP 26',
    ].join('\n');
    const [a, b] = videoStreams(sdp, 'rtsp://h/s');
    expect(a?.params).toBeUndefined();
    expect(a?.packetizationMode).toBe(0);
    expect(a?.warnings.join(' ')).toMatch(/invalid base64/);
    expect(b).toMatchObject({ codec: undefined, encodingName: 'JPEG', payloadType: 26 });
    expect(() => videoStreams('v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264', 'x')).toThrow(
      /malformed rtpmap/,
    );
  });
});

describe('control URLs', () => {
  it('resolves as cameras and common clients do', () => {
    expect(resolveControl('rtsp://h/live.sdp', 'trackID=1')).toBe('rtsp://h/live.sdp/trackID=1');
    expect(resolveControl('rtsp://h/live/', 'trackID=1')).toBe('rtsp://h/live/trackID=1');
    expect(resolveControl('rtsp://h:554/a/b', '/c/d')).toBe('rtsp://h:554/c/d');
    expect(resolveControl('rtsp://h/a', 'rtsp://other/x')).toBe('rtsp://other/x');
    expect(resolveControl('rtsp://h/a', '*')).toBe('rtsp://h/a');
    expect(resolveControl('rtsp://h/a', undefined)).toBe('rtsp://h/a');
    expect(sdpBaseUrl('rtsp://h/req', undefined, 'rtsp://h/loc/')).toBe('rtsp://h/loc/');
    expect(sessionControl(parseSdp(HIKVISION).attributes, 'rtsp://x/')).toBe(
      'rtsp://192.168.1.64:554/Streaming/Channels/101/',
    );
  });
});

describe('writeSdp', () => {
  it('writes an H.264 description that parses back to the same stream', () => {
    const sps = decodeNalBase64('Z00AKpY1QPAET8s3AQEBAg==') ?? new Uint8Array(0);
    const pps = new Uint8Array([0x68, 0xee, 0x3c, 0x80]);
    const text = writeSdp({
      codec: 'h264',
      payloadType: 96,
      params: { codec: 'h264', sps, pps },
      control: 'trackID=1',
      sessionName: 'cam-007',
      framerate: 25,
    });
    expect(text).toContain(
      'a=fmtp:96 packetization-mode=1;profile-level-id=4d002a;sprop-parameter-sets=Z00AKpY1QPAET8s3AQEBAg==,aO48gA==\r\n',
    );
    const [v] = videoStreams(text, 'rtsp://127.0.0.1:8554/cam-007');
    expect(v).toMatchObject({
      codec: 'h264',
      payloadType: 96,
      control: 'rtsp://127.0.0.1:8554/cam-007/trackID=1',
      framerate: 25,
      params: { codec: 'h264', sps, pps },
    });
  });

  it('writes H.265 and refuses mismatched or unsafe input', () => {
    const [src] = videoStreams(H265, 'rtsp://a/');
    const params = src?.params;
    const text = writeSdp({ codec: 'h265', payloadType: 97, params, control: 'trackID=0' });
    expect(videoStreams(text, 'rtsp://a/')[0]?.params).toEqual(params);
    expect(() => writeSdp({ codec: 'h264', payloadType: 97, params, control: 'x' })).toThrow(
      /params for h265/,
    );
    expect(() => writeSdp({ codec: 'h264', payloadType: 8, control: 'x' })).toThrow(/96-127/);
    expect(() => writeSdp({ codec: 'h264', payloadType: 96, control: 'x\r\nm=' })).toThrow(
      /line break/,
    );
  });
});
