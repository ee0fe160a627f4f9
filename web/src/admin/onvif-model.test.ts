import { describe, expect, it } from 'vitest';
import { cameraBody } from './camera-model.ts';
import {
  draftFromProbe,
  EMPTY_PROBE,
  probeBody,
  profileText,
  type OnvifProbe,
} from './onvif-model.ts';

const probe: OnvifProbe = {
  ok: true,
  deviceUrl: 'http://10.0.4.17/onvif/device_service',
  device: {
    manufacturer: 'ACME',
    model: 'AV-IPC-4MP',
    firmwareVersion: 'V5.7.3',
    serialNumber: 'AV123',
    hardwareId: '88',
  },
  profiles: [
    {
      token: 'p1',
      name: 'main',
      codec: 'h265',
      width: 2560,
      height: 1440,
      fps: 25,
      streamUri: 'rtsp://10.0.4.17/1',
    },
    {
      token: 'p2',
      name: 'sub',
      codec: 'h264',
      width: 640,
      height: 360,
      fps: 12.5,
      streamUri: 'rtsp://10.0.4.17/2',
    },
  ],
};

describe('ONVIF onboarding model', () => {
  it('sends credentials by reference, or user and password, never both', () => {
    expect(probeBody({ ...EMPTY_PROBE, address: ' 10.0.4.17 ' })).toEqual({ address: '10.0.4.17' });
    expect(
      probeBody({ address: 'h', username: 'admin', password: 'pw', credentialsRef: '' }),
    ).toEqual({
      address: 'h',
      username: 'admin',
      password: 'pw',
    });
    expect(
      probeBody({ address: 'h', username: 'admin', password: 'pw', credentialsRef: 'env:CAM' }),
    ).toEqual({ address: 'h', credentialsRef: 'env:CAM' });
  });

  it('words a profile', () => {
    expect(profileText(probe.profiles?.[1] ?? ({} as never))).toBe('H.264 640×360 12,5 fps');
  });

  it('fills a new camera from the chosen profiles, with its ONVIF address and device identity', () => {
    const draft = draftFromProbe(probe, { main: 'p1', sub: 'p2' }, ' env:CAM_042 ');
    expect(draft).toMatchObject({
      name: 'ACME AV-IPC-4MP',
      main: 'rtsp://10.0.4.17/1',
      sub: 'rtsp://10.0.4.17/2',
      credentialsRef: 'env:CAM_042',
      editing: null,
    });
    const body = cameraBody({ ...draft, latitude: '44,1', longitude: '9,8' });
    expect(body['onvif']).toEqual({
      address: 'http://10.0.4.17/onvif/device_service',
      profiles: { main: 'p1', sub: 'p2' },
    });
    expect(body['device']).toEqual({
      manufacturer: 'ACME',
      model: 'AV-IPC-4MP',
      firmware: 'V5.7.3',
      serial: 'AV123',
    });
    const noSub = draftFromProbe(probe, { main: 'p2', sub: null }, '');
    expect([noSub.main, noSub.sub]).toEqual(['rtsp://10.0.4.17/2', '']);
    // A change of an existing camera never sends ONVIF fields (PATCH keeps them).
    expect(cameraBody({ ...draft, editing: 'cam-1' })['onvif']).toBeUndefined();
  });
});
