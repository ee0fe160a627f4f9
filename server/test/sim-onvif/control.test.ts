/**
 * The ONVIF controls of the simulator's HTTP control endpoint: an event raised over HTTP reaches a
 * pull point, the clock offset shows in GetSystemDateAndTime, a SOAP fault is injected, and a
 * dome's position is read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/index.ts';
import type { ControlServer } from '../../src/sim/control-http.ts';
import { startControlServer } from '../../src/sim/control-http.ts';
import { rawSoap } from './raw-soap.ts';
import type { SimWithOnvif } from './support.ts';
import { CREDS, startSimWithOnvif } from './support.ts';
import { startOnvifDevices } from '../../src/sim/index.ts';

let env: SimWithOnvif;
let control: ControlServer;

beforeAll(async () => {
  env = await startSimWithOnvif();
  control = await startControlServer(env.sim, { logger: silentLogger(), onvif: env.onvif });
}, 120_000);

afterAll(async () => {
  await control?.close();
  await env?.close();
});

const post = async (path: string): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await fetch(`http://127.0.0.1:${control.port}${path}`, { method: 'POST' });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const service = (id: string, s: string): string =>
  env.onvif.deviceUrl(id).replace(/device_service$/, s);

describe('ONVIF controls over HTTP', () => {
  it('raises an event on the pull points', async () => {
    const sub = await rawSoap(
      service('cam-002', 'event_service'),
      `<CreatePullPointSubscription xmlns="http://www.onvif.org/ver10/events/wsdl"/>`,
      { creds: CREDS },
    );
    const address = /<wsa:Address>([^<]+)</.exec(sub.text)?.[1] ?? '';
    const raised = await post('/cameras/cam-002/onvif-event?kind=motion&state=0');
    expect(raised).toEqual({ status: 200, body: { subscriptions: 1 } });
    const pulled = await rawSoap(
      address,
      `<PullMessages xmlns="http://www.onvif.org/ver10/events/wsdl"><Timeout>PT0S</Timeout><MessageLimit>5</MessageLimit></PullMessages>`,
      { creds: CREDS },
    );
    expect(pulled.text).toContain('tns1:VideoSource/MotionAlarm');
    expect(pulled.text).toContain('Name="State" Value="false"');
    expect((await post('/cameras/cam-002/onvif-event?kind=fire')).status).toBe(400);
  });

  it('sets the clock offset, injects a SOAP fault, reads a dome position', async () => {
    expect((await post('/cameras/cam-001/clock-offset?seconds=-7200')).status).toBe(200);
    const time = await rawSoap(
      service('cam-001', 'device_service'),
      `<GetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl"/>`,
    );
    const hour = Number(/<tt:UTCDateTime><tt:Time><tt:Hour>(\d+)</.exec(time.text)?.[1]);
    expect(hour).toBe(new Date(Date.now() - 7200_000).getUTCHours());
    expect(
      (await post('/cameras/cam-001/onvif-fault?operation=GetSystemDateAndTime&count=1')).status,
    ).toBe(200);
    const failed = await rawSoap(
      service('cam-001', 'device_service'),
      `<GetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl"/>`,
    );
    expect(failed.status).toBe(500);
    const res = await fetch(`http://127.0.0.1:${control.port}/cameras/cam-003/ptz`);
    expect(await res.json()).toMatchObject({
      position: { pan: 0, tilt: 0, zoom: 0, moving: false },
    });
    const fixed = await fetch(`http://127.0.0.1:${control.port}/cameras/cam-001/ptz`);
    expect(await fixed.json()).toEqual({ position: null, view: null });
  });

  it('raises motion on a schedule', async () => {
    const scheduled = await startOnvifDevices(env.sim, {
      discoveryPort: false,
      motionEverySeconds: 1,
    });
    try {
      const events = scheduled.deviceUrl('cam-001').replace(/device_service$/, 'event_service');
      const sub = await rawSoap(
        events,
        `<CreatePullPointSubscription xmlns="http://www.onvif.org/ver10/events/wsdl"/>`,
      );
      const address = /<wsa:Address>([^<]+)</.exec(sub.text)?.[1] ?? '';
      const pulled = await rawSoap(
        address,
        `<PullMessages xmlns="http://www.onvif.org/ver10/events/wsdl"><Timeout>PT20S</Timeout><MessageLimit>5</MessageLimit></PullMessages>`,
      );
      expect(pulled.text).toContain('tns1:VideoSource/MotionAlarm');
      expect(pulled.text).toContain('Name="State" Value="true"');
    } finally {
      await scheduled.close();
    }
  });
});
