import { describe, expect, it } from 'vitest';
import {
  parseCapabilities,
  parseDeviceInformation,
  parseServices,
  parseSystemDateAndTime,
} from './device-parsers.ts';
import { parseProbeMatches } from './discovery-messages.ts';
import { OnvifError } from './errors.ts';
import { fixture } from './fixtures.ts';
import { parseMedia2Profiles, parseMediaProfiles, parseMediaUri } from './media-parsers.ts';
import { pickMainAndSub } from './probe.ts';
import { readResponse } from './soap.ts';

const read = (name: string, op = 'Test') => readResponse(fixture(name), op);

function errorOf(f: () => unknown): OnvifError {
  try {
    f();
  } catch (e) {
    if (e instanceof OnvifError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('recorded device answers', () => {
  it('reads the UTC clock of a camera hours off (env: and tt: prefixes)', () => {
    const r = parseSystemDateAndTime(read('get-system-date-and-time.env.xml'));
    expect(r).toEqual({ deviceMs: Date.UTC(2026, 11, 7, 3, 7, 9), fromLocal: false });
  });

  it('falls back to LocalDateTime (SOAP-ENV: and onvif: prefixes)', () => {
    const r = parseSystemDateAndTime(read('get-system-date-and-time.local-only.xml'));
    expect(r).toEqual({ deviceMs: Date.UTC(2025, 1, 28, 23, 59, 58), fromLocal: true });
  });

  it('reads device information with entities', () => {
    expect(parseDeviceInformation(read('get-device-information.soap-env.xml'))).toEqual({
      manufacturer: 'ACME Vision & Co.',
      model: 'AV-IPC-4MP',
      firmwareVersion: 'V5.7.3 build 240101',
      serialNumber: 'AV20240101AAWR123456789',
      hardwareId: '88',
    });
  });

  it('reads service addresses from GetCapabilities and GetServices', () => {
    expect(parseCapabilities(read('get-capabilities.s.xml'))).toEqual({
      device: 'http://10.0.4.17/onvif/device_service',
      media: 'http://10.0.4.17/onvif/Media',
      media2: null,
      ptz: null,
      events: 'http://10.0.4.17/onvif/Events',
    });
    expect(parseServices(read('get-services.env.xml'))).toEqual({
      device: 'http://10.0.4.18:8000/onvif/device_service',
      media: 'http://10.0.4.18:8000/onvif/media_service',
      media2: 'http://10.0.4.18:8000/onvif/media2_service',
      ptz: 'http://10.0.4.18:8000/onvif/ptz_service',
      events: 'http://10.0.4.18:8000/onvif/event_service',
    });
  });

  it('reads Media profiles: codec, resolution, fps; an audio-only profile has no codec', () => {
    const profiles = parseMediaProfiles(read('get-profiles.media1.onvif.xml'));
    expect(profiles).toEqual([
      { token: 'Profile_1', name: 'mainStream', codec: 'h264', width: 2560, height: 1440, fps: 25 },
      { token: 'Profile_2', name: 'subStream', codec: 'h264', width: 640, height: 360, fps: 12.5 },
      {
        token: 'Profile_Audio',
        name: 'audioOnly',
        codec: null,
        width: null,
        height: null,
        fps: null,
      },
    ]);
    const { main, sub } = pickMainAndSub(profiles);
    expect([main?.token, sub?.token]).toEqual(['Profile_1', 'Profile_2']);
  });

  it('reads Media2 profiles', () => {
    expect(parseMedia2Profiles(read('get-profiles.media2.tt.xml'))).toEqual([
      { token: 'main', name: 'Main', codec: 'h265', width: 1920, height: 1080, fps: 25 },
      { token: 'sub', name: 'Sub', codec: 'h264', width: 640, height: 360, fps: 25 },
    ]);
  });

  it('reads stream and snapshot URIs of both media versions', () => {
    expect(parseMediaUri(read('get-stream-uri.media1.xml'), 'GetStreamUri', ['rtsp'])).toBe(
      'rtsp://10.0.4.17:554/Streaming/Channels/101?transportmode=unicast&profile=Profile_1',
    );
    expect(parseMediaUri(read('get-stream-uri.media2.xml'), 'GetStreamUri', ['rtsp'])).toBe(
      'rtsp://10.0.4.18:554/main',
    );
    expect(parseMediaUri(read('get-snapshot-uri.media1.xml'), 'GetSnapshotUri', ['http'])).toBe(
      'http://10.0.4.17/onvif-http/snapshot?Profile_1',
    );
    const wrong = errorOf(() =>
      parseMediaUri(read('get-snapshot-uri.media1.xml'), 'GetStreamUri', ['rtsp']),
    );
    expect(wrong.message).toMatch(/GetStreamUri: unexpected URI scheme http:/);
  });

  it('turns a SOAP 1.2 NotAuthorized fault into an authentication error naming the operation', () => {
    const e = errorOf(() => read('fault.soap12.not-authorized.xml', 'GetProfiles'));
    expect(e.reason).toBe('authentication');
    expect(e.message).toBe(
      'ONVIF GetProfiles: SOAP fault env:Sender / ter:NotAuthorized: Sender not Authorized',
    );
    expect(e.fault).toEqual({
      code: 'env:Sender',
      subcode: 'ter:NotAuthorized',
      reason: 'Sender not Authorized',
    });
  });

  it('reads the innermost subcode of a nested SOAP 1.2 fault, and SOAP 1.1 faults', () => {
    const nested = errorOf(() => read('fault.soap12.no-profile.xml', 'GetStreamUri'));
    expect(nested.reason).toBe('fault');
    expect(nested.fault?.subcode).toBe('ter:NoProfile');
    expect(nested.message).toContain('GetStreamUri: SOAP fault SOAP-ENV:Sender / ter:NoProfile');
    const old = errorOf(() => read('fault.soap11.xml', 'GetServices'));
    expect(old.message).toBe('ONVIF GetServices: SOAP fault soap:Client: Action not supported');
  });

  it('reads ProbeMatches and their scopes; ignores answers to another probe', () => {
    const xml = fixture('probe-matches.xml').replace('{{RELATES_TO}}', 'urn:uuid:mine');
    const [d, ...rest] = parseProbeMatches(xml, 'urn:uuid:mine');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      endpoint: 'urn:uuid:2419d68a-2dd2-21b2-a205-bc5c4c1e0f11',
      xaddrs: [
        'http://10.0.4.17/onvif/device_service',
        'http://[fe80::be5c:4cff:fe1e:f11]/onvif/device_service',
      ],
      types: ['dn:NetworkVideoTransmitter', 'tds:Device'],
      name: 'ACME Vision',
      hardware: 'AV-IPC-4MP',
      location: 'La Spezia',
      manufacturer: 'ACME',
    });
    expect(parseProbeMatches(xml, 'urn:uuid:other')).toEqual([]);
  });

  it('refuses a DOCTYPE, non-XML and a non-envelope with clear errors', () => {
    expect(errorOf(() => readResponse('<!DOCTYPE x [<!ENTITY a "b">]><x/>', 'Op')).message).toMatch(
      /Op: the answer holds a DOCTYPE/,
    );
    expect(errorOf(() => readResponse('<html><body>', 'Op')).message).toMatch(
      /Op: the answer is not XML/,
    );
    expect(errorOf(() => readResponse('<html/>', 'Op')).message).toMatch(/not a SOAP envelope/);
  });
});
