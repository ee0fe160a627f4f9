/**
 * Interoperability with a client Vedetta did not write: the `onvif` npm package connects to the
 * simulated cameras with credentials and reads device information, profiles (Media2 and Media),
 * stream and snapshot URIs, drives a dome (continuous move, stop, presets) and receives an event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cam, DeviceInformation } from 'onvif';
import { waitFor } from '../support/wait-for.ts';
import type { SimWithOnvif } from './support.ts';
import { CREDS, call, connectCam, startSimWithOnvif } from './support.ts';

let env: SimWithOnvif;

beforeAll(async () => {
  env = await startSimWithOnvif();
}, 120_000);

afterAll(async () => {
  await env?.close();
});

describe('the onvif npm package against the simulator', () => {
  it('reads device information, profiles and stream URIs through Media2 and Media', async () => {
    const cam = await connectCam(env.onvif, 'cam-001');
    const info = await call<DeviceInformation>((cb) => cam.getDeviceInformation(cb));
    expect(info).toMatchObject({
      manufacturer: 'Vedetta Sim',
      model: 'VS-BULLET-1080',
      firmwareVersion: '1.0.0',
      serialNumber: 'VSIM-cam-001',
    });
    expect(String(info.hardwareId)).toBe('1');
    // connect() read the services: Media2 is used, and the services point back at the simulator.
    expect(cam.media2Support).toBe(true);
    const profiles = cam.profiles as {
      $: { token: string };
      videoEncoderConfiguration: {
        encoding: string;
        resolution: { width: number; height: number };
      };
    }[];
    expect(profiles.map((p) => p.$.token)).toEqual(['main', 'sub']);
    expect(profiles[0]?.videoEncoderConfiguration.encoding).toBe('H264');
    expect(profiles[0]?.videoEncoderConfiguration.resolution).toEqual({ width: 320, height: 180 });
    const main = await call<{ uri: string }>((cb) =>
      cam.getStreamUri({ profileToken: 'main' }, cb),
    );
    expect(main.uri).toBe(env.sim.url('cam-001'));
    const snap = await call<{ uri: string }>((cb) =>
      cam.getSnapshotUri({ profileToken: 'main' }, cb),
    );
    expect(snap.uri).toBe(env.onvif.snapshotUrl('cam-001'));

    // The same through Media (ver10), as a Profile S client does.
    cam.media2Support = false;
    const media1 = await call<
      { $: { token: string }; videoEncoderConfiguration: { encoding: string } }[]
    >((cb) => cam.getProfiles(cb));
    expect(media1.map((p) => p.$.token)).toEqual(['main', 'sub']);
    const sub = await call<{ uri: string }>((cb) => cam.getStreamUri({ profileToken: 'sub' }, cb));
    expect(sub.uri).toBe(env.sim.url('cam-001', true));
  });

  it('sees an H.265 camera as H265', async () => {
    const cam = await connectCam(env.onvif, 'cam-002');
    const profiles = cam.profiles as { videoEncoderConfiguration: { encoding: string } }[];
    expect(profiles[0]?.videoEncoderConfiguration.encoding).toBe('H265');
  });

  it('fetches the snapshot as a JPEG with HTTP digest', async () => {
    const url = env.onvif.snapshotUrl('cam-001');
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    const challenge = anonymous.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Digest /);
    const basic = await fetch(url, {
      headers: {
        authorization: `Basic ${Buffer.from(`${CREDS.username}:${CREDS.password}`).toString('base64')}`,
      },
    });
    expect(basic.status).toBe(200);
    expect(basic.headers.get('content-type')).toBe('image/jpeg');
    const bytes = new Uint8Array(await basic.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
  });

  it('moves a dome continuously, stops it, and keeps presets', async () => {
    const cam: Cam = await connectCam(env.onvif, 'cam-003');
    const start = env.onvif.ptzPosition('cam-003');
    expect(start).toMatchObject({ pan: 0, tilt: 0, zoom: 0 });
    await call((cb) => cam.continuousMove({ profileToken: 'main', x: 1, y: 0.5, zoom: 0 }, cb));
    await waitFor(() => (env.onvif.ptzPosition('cam-003')?.pan ?? 0) > 0.2, {
      timeoutMs: 10_000,
      what: 'the dome to pan',
    });
    await call((cb) => cam.stop({ profileToken: 'main', panTilt: true, zoom: true }, cb));
    const status = await call<{
      position: { x: number; y: number; zoom: number };
      moveStatus: { panTilt: string };
    }>((cb) => cam.getStatus({ profileToken: 'main' }, cb));
    expect(Number(status.position.x)).toBeGreaterThan(0.2);
    expect(Number(status.position.y)).toBeGreaterThan(0);
    expect(status.moveStatus.panTilt).toBe('IDLE');
    const stopped = env.onvif.ptzPosition('cam-003');
    expect(stopped?.moving).toBe(false);

    await call((cb) => cam.setPreset({ profileToken: 'main', presetName: 'Fontana' }, cb));
    await call((cb) => cam.gotoHomePosition({ profileToken: 'main' }, cb));
    expect(env.onvif.ptzPosition('cam-003')).toMatchObject({ pan: 0, tilt: 0 });
    type Preset = { $: { token: string }; PTZPosition: { panTilt: { $: { x: number } } } };
    const presets = await call<Record<string, Preset>>((cb) =>
      cam.getPresets({ profileToken: 'main' }, cb),
    );
    expect(Object.keys(presets)).toEqual(['Fontana']);
    const presetToken = presets.Fontana?.$.token ?? '';
    expect(Number(presets.Fontana?.PTZPosition.panTilt.$.x)).toBeCloseTo(
      Number(status.position.x),
      3,
    );
    await call((cb) => cam.gotoPreset({ profileToken: 'main', preset: presetToken }, cb));
    expect(env.onvif.ptzPosition('cam-003')?.pan).toBeCloseTo(Number(status.position.x), 3);
    await call((cb) => cam.removePreset({ profileToken: 'main', presetToken }, cb));
    const after = await call<Record<string, string>>((cb) =>
      cam.getPresets({ profileToken: 'main' }, cb),
    );
    expect(after).toEqual({});
  });

  it('receives a motion event emitted on the simulator through its pull point', async () => {
    const cam = await connectCam(env.onvif, 'cam-001');
    const received: unknown[] = [];
    cam.on('event', (e: unknown) => received.push(e));
    // Emit until the package has its subscription (it creates it after the listener is added).
    const message = await waitFor(
      () => {
        env.onvif.emitEvent('cam-001', 'motion', true);
        return received[0];
      },
      { timeoutMs: 10_000, what: 'a motion event', intervalMs: 200 },
    );
    cam.removeAllListeners('event');
    const json = JSON.stringify(message);
    expect(json).toContain('tns1:VideoSource/MotionAlarm');
    expect(json).toContain('"State"');
    expect(json).toContain('true');
  });
});
