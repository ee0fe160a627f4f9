import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, systemClock } from '../app/index.ts';
import { createOnvifClient } from './client.ts';
import { OnvifError } from './errors.ts';
import { startFakeDevice, type FakeDevice, type FakeDeviceOptions } from './fake-device.ts';
import { probeDevice } from './probe.ts';

const HOURS_3 = 3 * 3600_000;
let device: FakeDevice | undefined;
afterEach(async () => {
  await device?.close();
  device = undefined;
});

async function start(o: Partial<FakeDeviceOptions> = {}): Promise<FakeDevice> {
  device = await startFakeDevice({
    username: 'admin',
    password: 'Secret-1',
    clockOffsetMs: 0,
    ...o,
  });
  return device;
}

async function failure(p: Promise<unknown>): Promise<OnvifError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OnvifError) return e;
    throw e;
  }
  throw new Error('did not fail');
}

describe('ONVIF client against a device', () => {
  it('probes a camera whose clock is 3 hours ahead, behind SHA-256 HTTP Digest', async () => {
    const d = await start({ clockOffsetMs: HOURS_3, httpDigest: 'SHA-256' });
    const probe = await probeDevice({
      address: d.deviceUrl,
      credentials: { username: 'admin', password: 'Secret-1' },
      clock: systemClock,
    });
    expect(Math.abs(probe.clock.offsetMs - HOURS_3)).toBeLessThan(60_000);
    expect(probe.device.model).toBe('AV-IPC-4MP');
    expect(probe.mediaService).toBe('media2');
    expect(probe.profiles.map((p) => [p.token, p.codec, p.width, p.height, p.fps])).toEqual([
      ['main', 'h265', 1920, 1080, 25],
      ['sub', 'h264', 640, 360, 25],
    ]);
    expect(probe.main).toEqual({ token: 'main', uri: 'rtsp://10.0.4.18:554/main' });
    expect(probe.sub).toEqual({ token: 'sub', uri: 'rtsp://10.0.4.18:554/sub' });
    expect(probe.snapshotUri).toBe('http://10.0.4.17/onvif-http/snapshot?Profile_1');
    expect([probe.ptz, probe.events]).toEqual([true, true]);
    expect(d.calls[0]).toBe('GetSystemDateAndTime');
  });

  it('answers an MD5 Digest challenge too', async () => {
    const d = await start({ httpDigest: 'MD5' });
    const client = createOnvifClient({
      deviceUrl: d.deviceUrl,
      credentials: { username: 'admin', password: 'Secret-1' },
      clock: systemClock,
    });
    await client.getSystemDateAndTime();
    expect((await client.getDeviceInformation()).manufacturer).toBe('ACME Vision & Co.');
  });

  it('without reading the clock first, a camera hours off refuses the token', async () => {
    const d = await start({ clockOffsetMs: -HOURS_3 });
    const client = createOnvifClient({
      deviceUrl: d.deviceUrl,
      credentials: { username: 'admin', password: 'Secret-1' },
      clock: systemClock,
    });
    const e = await failure(client.getDeviceInformation());
    expect(e.reason).toBe('authentication');
    expect(e.message).toContain('GetDeviceInformation: SOAP fault env:Sender / ter:NotAuthorized');
    await client.getSystemDateAndTime();
    expect((await client.getDeviceInformation()).model).toBe('AV-IPC-4MP');
  });

  it('a wrong password is an authentication error naming the operation', async () => {
    const d = await start();
    const e = await failure(
      probeDevice({
        address: d.deviceUrl,
        credentials: { username: 'admin', password: 'wrong' },
        clock: systemClock,
      }),
    );
    expect([e.reason, e.operation]).toEqual(['authentication', 'GetDeviceInformation']);
  });

  it('HTTP Digest refused, or asked without credentials, is an authentication error', async () => {
    const d = await start({ httpDigest: 'SHA-256' });
    const e = await failure(probeDevice({ address: d.deviceUrl, clock: systemClock }));
    expect(e.message).toMatch(/GetSystemDateAndTime: the device asks for HTTP authentication/);
  });

  it('gives up after the timeout on its clock', async () => {
    const d = await start({ hang: true });
    const clock = new FakeClock();
    const client = createOnvifClient({ deviceUrl: d.deviceUrl, clock, timeoutMs: 2_000 });
    const pending = failure(client.getSystemDateAndTime());
    clock.advance(2_000);
    const e = await pending;
    expect(e.reason).toBe('timeout');
    expect(e.message).toBe('ONVIF GetSystemDateAndTime: no answer within 2000 ms');
  });

  it('refuses an answer larger than the bound', async () => {
    const d = await start({ padBytes: 100_000 });
    const client = createOnvifClient({
      deviceUrl: d.deviceUrl,
      clock: systemClock,
      maxResponseBytes: 50_000,
    });
    const e = await failure(client.getSystemDateAndTime());
    expect(e.reason).toBe('too_large');
  });

  it('an address nobody answers is unreachable', async () => {
    const d = await start();
    const url = d.deviceUrl;
    await d.close();
    device = undefined;
    const e = await failure(probeDevice({ address: url, clock: systemClock }));
    expect(e.reason).toBe('unreachable');
  });
});
