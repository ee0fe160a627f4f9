import { describe, expect, it } from 'vitest';
import { RtspParseError } from './errors.ts';
import { formatRtpInfo, parseRtpInfo } from './rtp-info.ts';
import { formatSession, parseSession } from './session.ts';
import { formatTransport, interleavedTransport, parseTransport } from './transport.ts';

describe('Transport', () => {
  it('parses the interleaved TCP answer of a camera', () => {
    const [spec] = parseTransport('RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=5AD8E1B2;mode="play"');
    expect(spec).toEqual({
      protocol: 'RTP',
      profile: 'AVP',
      lowerTransport: 'TCP',
      delivery: 'unicast',
      interleaved: { rtp: 0, rtcp: 1 },
      ssrc: 0x5ad8e1b2,
      mode: 'play',
      extra: [],
    });
  });

  it('parses UDP with client and server ports, and alternatives', () => {
    const specs = parseTransport(
      'RTP/AVP;unicast;client_port=5000-5001;server_port=6970-6971;source=10.0.0.5, RTP/AVP/TCP;interleaved=2',
    );
    expect(specs).toHaveLength(2);
    expect(specs[0]?.lowerTransport).toBe('UDP');
    expect(specs[0]?.clientPort).toEqual({ rtp: 5000, rtcp: 5001 });
    expect(specs[0]?.serverPort).toEqual({ rtp: 6970, rtcp: 6971 });
    expect(specs[0]?.source).toBe('10.0.0.5');
    expect(specs[1]?.interleaved).toEqual({ rtp: 2 });
  });

  it('formats what it parses', () => {
    expect(formatTransport(interleavedTransport(0))).toBe('RTP/AVP/TCP;unicast;interleaved=0-1');
    const text = 'RTP/AVP;unicast;client_port=5000-5001;ssrc=0000ABCD;x-foo=1;append';
    expect(formatTransport(parseTransport(text))).toBe(text);
  });

  it('names bad values', () => {
    expect(() => parseTransport('RTP/AVP/TCP;interleaved=0-300')).toThrow(/interleaved channel/);
    expect(() => parseTransport('RTP/AVP/SCTP')).toThrow(/lower transport/);
    expect(() => parseTransport('RTP')).toThrow(/invalid transport/);
    expect(() => parseTransport(' , ')).toThrow(RtspParseError);
    expect(() => parseTransport('RTP/AVP;client_port=a')).toThrow(/client_port/);
  });
});

describe('Session', () => {
  it('parses id and timeout', () => {
    expect(parseSession('1185297212;timeout=60')).toEqual({ id: '1185297212', timeoutSeconds: 60 });
    expect(parseSession(' A3eqwsafq3rFASqew ')).toEqual({ id: 'A3eqwsafq3rFASqew' });
    expect(formatSession({ id: 'abc', timeoutSeconds: 30 })).toBe('abc;timeout=30');
    expect(() => parseSession('abc;timeout=x')).toThrow(/session timeout "x"/);
    expect(() => parseSession(';timeout=5')).toThrow(/invalid session id/);
  });
});

describe('RTP-Info', () => {
  it('parses several streams, commas in URLs included', () => {
    expect(
      parseRtpInfo(
        'url=rtsp://cam/a,b/trackID=1;seq=45102;rtptime=2890844526, url=rtsp://cam/trackID=2;seq=30211',
      ),
    ).toEqual([
      { url: 'rtsp://cam/a,b/trackID=1', seq: 45102, rtptime: 2890844526 },
      { url: 'rtsp://cam/trackID=2', seq: 30211 },
    ]);
    expect(formatRtpInfo([{ url: 'rtsp://s/cam1/track1', seq: 1, rtptime: 0xffffffff }])).toBe(
      'url=rtsp://s/cam1/track1;seq=1;rtptime=4294967295',
    );
    expect(() => parseRtpInfo('seq=1')).toThrow(/without url/);
    expect(() => parseRtpInfo('url=x;seq=70000')).toThrow(/seq "70000"/);
  });
});
