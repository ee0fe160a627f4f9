/**
 * The simulated devices' security and faults, with a plain SOAP client and the `onvif` package:
 * UsernameToken checks (wrong password, no token, replay, open operations), a camera clock hours
 * off (a client that does not sync is refused, one that syncs is served), SOAP faults injected on
 * the next calls of an operation, slow answers, namespace prefixes that differ, and pull points
 * that wait for events, renew, unsubscribe and expire.
 */
import type { DeviceInformation } from 'onvif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationFor, parseAuthChallenges, pickChallenge } from '../../src/media/index.ts';
import { startOnvifDevices } from '../../src/sim/index.ts';
import { waitFor } from '../support/wait-for.ts';
import { rawSoap } from './raw-soap.ts';
import type { SimWithOnvif } from './support.ts';
import { CREDS, call, connectCam, startSimWithOnvif } from './support.ts';

const TDS = 'xmlns:tds="http://www.onvif.org/ver10/device/wsdl"';
const TRT = 'xmlns:trt="http://www.onvif.org/ver10/media/wsdl"';
const TEV = 'xmlns:tev="http://www.onvif.org/ver10/events/wsdl"';
const WSNT = 'xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2"';

let env: SimWithOnvif;
const url = (id: string, service: string): string =>
  env.onvif.deviceUrl(id).replace(/device_service$/, service);

beforeAll(async () => {
  env = await startSimWithOnvif();
}, 120_000);

afterAll(async () => {
  await env?.close();
});

describe('UsernameToken authentication', () => {
  it('serves a valid digest, refuses a wrong password or no token with ter:NotAuthorized (HTTP 400)', async () => {
    const ok = await rawSoap(
      url('cam-001', 'device_service'),
      `<tds:GetDeviceInformation ${TDS}/>`,
      { creds: CREDS },
    );
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('VSIM-cam-001');
    const wrong = await rawSoap(
      url('cam-001', 'device_service'),
      `<tds:GetDeviceInformation ${TDS}/>`,
      {
        creds: { username: CREDS.username, password: 'nope' },
      },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.subcode).toBe('ter:NotAuthorized');
    expect(wrong.text).not.toContain('VSIM-cam-001');
    const none = await rawSoap(url('cam-001', 'media_service'), `<trt:GetProfiles ${TRT}/>`);
    expect(none.status).toBe(400);
    expect(none.subcode).toBe('ter:NotAuthorized');
  });

  it('answers GetSystemDateAndTime and GetCapabilities without credentials', async () => {
    const time = await rawSoap(
      url('cam-001', 'device_service'),
      `<tds:GetSystemDateAndTime ${TDS}/>`,
    );
    expect(time.status).toBe(200);
    expect(time.text).toContain('<tt:UTCDateTime>');
    const caps = await rawSoap(
      url('cam-001', 'device_service'),
      `<tds:GetCapabilities ${TDS}><tds:Category>All</tds:Category></tds:GetCapabilities>`,
    );
    expect(caps.status).toBe(200);
    expect(caps.text).toContain(`/onvif/cam-001/media_service</tt:XAddr>`);
  });

  it('matches elements on local names whatever the prefixes', async () => {
    const body = `<dev:GetDeviceInformation xmlns:dev="http://www.onvif.org/ver10/device/wsdl"/>`;
    const odd = await rawSoap(url('cam-002', 'device_service'), body, {
      creds: CREDS,
      envPrefix: 'SOAP-ENV',
    });
    expect(odd.status).toBe(200);
    expect(odd.text).toContain('VSIM-cam-002');
    const defaultNs = await rawSoap(
      url('cam-002', 'device_service'),
      `<GetDeviceInformation xmlns="http://www.onvif.org/ver10/device/wsdl"/>`,
      { creds: CREDS, envPrefix: 'env' },
    );
    expect(defaultNs.text).toContain('VSIM-cam-002');
  });
});

describe('HTTP Digest on the SOAP request', () => {
  it('challenges a request without credentials when asked to, and accepts the digest answer', async () => {
    const digestOnly = await startOnvifDevices(env.sim, {
      discoveryPort: false,
      auth: CREDS,
      challengeHttpDigest: true,
    });
    try {
      const media = digestOnly.deviceUrl('cam-001').replace(/device_service$/, 'media_service');
      const body = `<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><trt:GetProfiles ${TRT}/></s:Body></s:Envelope>`;
      const first = await fetch(media, { method: 'POST', body });
      expect(first.status).toBe(401);
      const challenge = pickChallenge(
        parseAuthChallenges(first.headers.get('www-authenticate') ?? ''),
      );
      expect(challenge?.scheme).toBe('Digest');
      if (challenge === undefined) return;
      const authorization = authorizationFor(challenge, CREDS, {
        method: 'POST',
        uri: new URL(media).pathname,
        cnonce: 'abcdef',
        nc: 1,
      });
      const second = await fetch(media, { method: 'POST', body, headers: { authorization } });
      expect(second.status).toBe(200);
      expect(await second.text()).toContain('<trt:Profiles token="main"');
    } finally {
      await digestOnly.close();
    }
  });
});

describe('a camera clock hours off', () => {
  it('refuses a client that does not sync and serves one that does', async () => {
    env.onvif.setClockOffset('cam-002', 3 * 3600);
    try {
      const time = await rawSoap(
        url('cam-002', 'device_service'),
        `<tds:GetSystemDateAndTime ${TDS}/>`,
      );
      const hour = Number(/<tt:UTCDateTime><tt:Time><tt:Hour>(\d+)</.exec(time.text)?.[1]);
      expect(hour).toBe(new Date(Date.now() + 3 * 3600_000).getUTCHours());
      const unsynced = await rawSoap(url('cam-002', 'media_service'), `<trt:GetProfiles ${TRT}/>`, {
        creds: CREDS,
      });
      expect(unsynced.status).toBe(400);
      expect(unsynced.subcode).toBe('ter:NotAuthorized');
      const synced = await rawSoap(url('cam-002', 'media_service'), `<trt:GetProfiles ${TRT}/>`, {
        creds: CREDS,
        skewMs: 3 * 3600_000,
      });
      expect(synced.status).toBe(200);
      // The onvif package reads the camera's clock first and signs with it.
      const cam = await connectCam(env.onvif, 'cam-002');
      const info = await call<DeviceInformation>((cb) => cam.getDeviceInformation(cb));
      expect(info.serialNumber).toBe('VSIM-cam-002');
    } finally {
      env.onvif.setClockOffset('cam-002', 0);
    }
  });
});

describe('ONVIF faults', () => {
  it('answers a SOAP fault on the next N calls of an operation, then recovers', async () => {
    env.onvif.faults.soapFault('cam-001', 'GetProfiles', 2);
    const profiles = (): ReturnType<typeof rawSoap> =>
      rawSoap(url('cam-001', 'media_service'), `<trt:GetProfiles ${TRT}/>`, { creds: CREDS });
    for (let i = 0; i < 2; i++) {
      const f = await profiles();
      expect(f.status).toBe(500);
      expect(f.text).toContain('<env:Value>env:Receiver</env:Value>');
    }
    // Other operations are unaffected meanwhile, and the third call succeeds.
    expect((await profiles()).status).toBe(200);
  });

  it('delays answers while slow, and answers promptly once restored', async () => {
    env.onvif.faults.slow('cam-003', 60_000);
    await expect(
      rawSoap(url('cam-003', 'device_service'), `<tds:GetSystemDateAndTime ${TDS}/>`, {
        timeoutMs: 300,
      }),
    ).rejects.toThrow();
    env.onvif.faults.restore('cam-003');
    const ok = await rawSoap(
      url('cam-003', 'device_service'),
      `<tds:GetSystemDateAndTime ${TDS}/>`,
    );
    expect(ok.status).toBe(200);
  });

  it('answers an unknown operation with ter:ActionNotSupported', async () => {
    const r = await rawSoap(url('cam-001', 'device_service'), `<tds:SystemReboot ${TDS}/>`, {
      creds: CREDS,
    });
    expect(r.subcode).toBe('ter:ActionNotSupported');
  });
});

describe('pull-point subscriptions', () => {
  async function subscribe(termination = 'PT60S'): Promise<string> {
    const r = await rawSoap(
      url('cam-001', 'event_service'),
      `<tev:CreatePullPointSubscription ${TEV}><tev:InitialTerminationTime>${termination}</tev:InitialTerminationTime></tev:CreatePullPointSubscription>`,
      { creds: CREDS },
    );
    expect(r.status).toBe(200);
    const address = /<wsa:Address>([^<]+)<\/wsa:Address>/.exec(r.text)?.[1];
    expect(address).toMatch(/\/onvif\/cam-001\/event_service\/pullpoint\//);
    return address ?? '';
  }
  const pull = (address: string, timeout = 'PT10S'): ReturnType<typeof rawSoap> =>
    rawSoap(
      address,
      `<tev:PullMessages ${TEV}><tev:Timeout>${timeout}</tev:Timeout><tev:MessageLimit>10</tev:MessageLimit></tev:PullMessages>`,
      { creds: CREDS },
    );

  it('describes the three topics', async () => {
    const r = await rawSoap(url('cam-001', 'event_service'), `<tev:GetEventProperties ${TEV}/>`, {
      creds: CREDS,
    });
    expect(r.text).toContain('<MotionAlarm wstop:topic="true">');
    expect(r.text).toContain('<ImagingService wstop:topic="true">');
    expect(r.text).toContain('<DigitalInput wstop:topic="true">');
  });

  it('holds a pull until an event comes, then renews and unsubscribes', async () => {
    const address = await subscribe();
    const waiting = pull(address, 'PT30S');
    // The pull is waiting on the server; the tamper event wakes it.
    await waitFor(() => env.onvif.emitEvent('cam-001', 'tamper', true) > 0, {
      timeoutMs: 5000,
      what: 'the subscription',
    });
    const r = await waiting;
    expect(r.status).toBe(200);
    expect(r.text).toContain('tns1:VideoSource/GlobalSceneChange/ImagingService');
    expect(r.text).toContain('<tt:SimpleItem Name="State" Value="true"/>');
    env.onvif.emitEvent('cam-001', 'digital-input', true);
    const input = await pull(address, 'PT0S');
    expect(input.text).toContain('tns1:Device/Trigger/DigitalInput');
    expect(input.text).toContain('Name="LogicalState" Value="true"');
    const renew = await rawSoap(
      address,
      `<wsnt:Renew ${WSNT}><wsnt:TerminationTime>PT120S</wsnt:TerminationTime></wsnt:Renew>`,
      { creds: CREDS },
    );
    expect(renew.text).toContain('<wsnt:TerminationTime>');
    const un = await rawSoap(address, `<wsnt:Unsubscribe ${WSNT}/>`, { creds: CREDS });
    expect(un.status).toBe(200);
    const gone = await pull(address, 'PT0S');
    expect(gone.status).toBe(400);
    expect(gone.subcode).toBe('wsrf-rw:ResourceUnknownFault');
  });

  it('expires subscriptions on the fault control, and by their termination time', async () => {
    const a = await subscribe();
    const waiting = pull(a, 'PT30S');
    expect(env.onvif.faults.expireSubscriptions('cam-001')).toBeGreaterThan(0);
    expect((await waiting).subcode).toBe('wsrf-rw:ResourceUnknownFault');
    const b = await subscribe('PT1S');
    await waitFor(async () => (await pull(b, 'PT0S')).subcode === 'wsrf-rw:ResourceUnknownFault', {
      timeoutMs: 10_000,
      what: 'the subscription to expire',
      intervalMs: 200,
    });
  });
});
