/**
 * Camera-side privacy masks (ONVIF Media2) between Vedetta's client and the simulator, over real
 * sockets with WS-Security: a fixed camera starts with the masks it was given and reads them in
 * Vedetta's picture space (y flipped: ONVIF's y is up); CreateMask / SetMask / DeleteMask change
 * what GetMasks answers; GetServiceCapabilities states `Mask`; a dome (no mask support) answers
 * ActionNotSupported, which `readCameraMasks` gives as a typed "not supported", not an error; a
 * dead address is an `OnvifError('unreachable')`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/app/index.ts';
import {
  createMasksClient,
  createOnvifClient,
  isOnvifError,
  readCameraMasks,
  type OnvifMasksClient,
} from '../../src/onvif/index.ts';
import { CREDS, startSimWithOnvif, type SimWithOnvif } from '../sim-onvif/support.ts';

let env: SimWithOnvif;

beforeAll(async () => {
  env = await startSimWithOnvif({
    masks: {
      'cam-001': [
        {
          // Picture x 0.2…0.35, y 0.25…0.4: ONVIF x −0.6…−0.3, y 0.5…0.2 (y up).
          points: [
            [-0.6, 0.5],
            [-0.3, 0.5],
            [-0.3, 0.2],
            [-0.6, 0.2],
          ],
        },
      ],
    },
  });
});

afterAll(async () => {
  await env.close();
});

async function masksClient(cameraId: string): Promise<OnvifMasksClient> {
  const device = createOnvifClient({
    deviceUrl: env.onvif.deviceUrl(cameraId),
    credentials: CREDS,
    clock: systemClock,
  });
  const { offsetMs } = await device.getSystemDateAndTime();
  const { media2 } = await device.getServiceAddresses();
  if (media2 === null) throw new Error('no Media2');
  return createMasksClient({ media2Url: media2, credentials: CREDS, clock: systemClock, offsetMs });
}

const rounded = (points: readonly (readonly [number, number])[]) =>
  points.map(([x, y]) => [Number(x.toFixed(6)), Number(y.toFixed(6))]);

describe('ONVIF Media2 masks: client and simulator', () => {
  it('reads the masks a camera starts with, in picture space', async () => {
    const r = await readCameraMasks({
      deviceUrl: env.onvif.deviceUrl('cam-001'),
      credentials: CREDS,
      clock: systemClock,
      profileToken: 'main',
    });
    expect(r.supported).toBe(true);
    if (!r.supported) return;
    expect(r.configurationToken).toBe('vsc');
    expect(r.masks.map((m) => [m.token, m.configurationToken, m.type, m.enabled])).toEqual([
      ['mask-1', 'vsc', 'Color', true],
    ]);
    expect(rounded(r.masks[0]?.points ?? [])).toEqual([
      [0.2, 0.25],
      [0.35, 0.25],
      [0.35, 0.4],
      [0.2, 0.4],
    ]);
  });

  it('creates, changes and deletes masks; the simulator keeps them in ONVIF space', async () => {
    const client = await masksClient('cam-002');
    expect(await client.getMasks()).toEqual([]);
    expect(await client.videoSourceConfigurationOf('main')).toBe('vsc');
    const token = await client.createMask({
      configurationToken: 'vsc',
      points: [
        [0, 0],
        [0.5, 0],
        [0.5, 0.5],
      ],
      type: 'Pixelated',
    });
    // Picture (0, 0) is ONVIF (−1, 1): the top-left corner, y up.
    expect(env.onvif.masks('cam-002')?.[0]?.points).toEqual([
      [-1, 1],
      [0, 1],
      [0, 0],
    ]);
    const read = await client.getMasks({ token });
    expect(read.map((m) => [m.token, m.type, rounded(m.points)])).toEqual([
      [
        token,
        'Pixelated',
        [
          [0, 0],
          [0.5, 0],
          [0.5, 0.5],
        ],
      ],
    ]);
    await client.setMask(token, {
      configurationToken: 'vsc',
      points: [
        [0.5, 0.5],
        [1, 0.5],
        [1, 1],
        [0.5, 1],
      ],
      enabled: false,
    });
    const changed = await client.getMasks({ configurationToken: 'vsc' });
    expect(changed.map((m) => [m.enabled, m.points.length])).toEqual([[false, 4]]);
    expect(await client.getMasks({ configurationToken: 'other' })).toEqual([]);
    await client.deleteMask(token);
    expect(await client.getMasks()).toEqual([]);
    const gone = await client.deleteMask(token).catch((e: unknown) => e);
    expect(isOnvifError(gone) && gone.fault?.subcode).toBe('ter:NoMask');
    const refused = await client
      .createMask({ configurationToken: 'vsc', points: [[0, 0]] })
      .catch((e: unknown) => e);
    expect(isOnvifError(refused) && refused.fault?.subcode).toBe('ter:InvalidArgVal');
  });

  it('states the Mask capability; a dome answers ActionNotSupported, read as "not supported"', async () => {
    const capabilities = async (id: string) => {
      const res = await fetch(env.onvif.deviceUrl(id).replace('device_service', 'media2_service'), {
        method: 'POST',
        headers: { 'content-type': 'application/soap+xml' },
        body:
          '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>' +
          '<GetServiceCapabilities xmlns="http://www.onvif.org/ver20/media/wsdl"/></s:Body></s:Envelope>',
      });
      return /Mask="(\w+)"/.exec(await res.text())?.[1];
    };
    expect(await capabilities('cam-001')).toBe('true');
    expect(await capabilities('cam-003')).toBe('false');

    const dome = await masksClient('cam-003');
    const e = await dome.getMasks().catch((err: unknown) => err);
    expect(isOnvifError(e) && e.fault?.subcode).toBe('ter:ActionNotSupported');
    const r = await readCameraMasks({
      deviceUrl: env.onvif.deviceUrl('cam-003'),
      credentials: CREDS,
      clock: systemClock,
      profileToken: 'main',
    });
    expect(r).toMatchObject({ supported: false, reason: 'not_supported' });
  });

  it('a wrong password is an authentication error, a dead address unreachable', async () => {
    const wrong = await readCameraMasks({
      deviceUrl: env.onvif.deviceUrl('cam-001'),
      credentials: { username: CREDS.username, password: 'nope' },
      clock: systemClock,
      profileToken: 'main',
    }).catch((e: unknown) => e);
    expect(isOnvifError(wrong) && wrong.reason).toBe('authentication');
    const dead = await readCameraMasks({
      deviceUrl: 'http://127.0.0.1:1/onvif/device_service',
      clock: systemClock,
      profileToken: null,
    }).catch((e: unknown) => e);
    expect(isOnvifError(dead) && dead.reason).toBe('unreachable');
  });
});
