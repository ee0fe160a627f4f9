/**
 * The demo city's cameras are ONVIF devices too, and every fifth one is a PTZ dome.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOnvif } from '../../src/cli/demo/demo-simulator.ts';
import type { OnvifDevices, Simulator } from '../../src/sim/index.ts';
import { startSimulator } from '../../src/sim/index.ts';
import { rawSoap } from './raw-soap.ts';

let sim: Simulator;
let onvif: OnvifDevices;

beforeAll(async () => {
  sim = await startSimulator({
    cameras: Array.from({ length: 10 }, (_, i) => ({
      id: `cam-${String(i + 1).padStart(3, '0')}`,
      codec: 'h264' as const,
      width: 320,
      height: 180,
      gopSeconds: 1,
      sub: { width: 160, height: 90 },
    })),
    loopSeconds: 2,
  });
  onvif = await startDemoOnvif(sim);
}, 120_000);

afterAll(async () => {
  await onvif?.close();
  await sim?.close();
});

describe('the demo ONVIF side', () => {
  it('makes every fifth camera a PTZ dome', async () => {
    expect(onvif.ptzCameras).toEqual(['cam-005', 'cam-010']);
    const model = async (id: string): Promise<string | undefined> => {
      const r = await rawSoap(
        onvif.deviceUrl(id),
        `<GetDeviceInformation xmlns="http://www.onvif.org/ver10/device/wsdl"/>`,
      );
      return /<tds:Model>([^<]+)</.exec(r.text)?.[1];
    };
    expect(await model('cam-005')).toBe('VS-DOME-1080');
    expect(await model('cam-004')).toBe('VS-BULLET-1080');
    const ptz = onvif.deviceUrl('cam-010').replace(/device_service$/, 'ptz_service');
    const status = await rawSoap(
      ptz,
      `<GetStatus xmlns="http://www.onvif.org/ver20/ptz/wsdl"><ProfileToken>main</ProfileToken></GetStatus>`,
    );
    expect(status.text).toContain('<tt:MoveStatus>');
  });
});
