import { describe, expect, it } from 'vitest';
import { parseSiteDateTime } from '../time/index.ts';
import { cameraBody, draftOf, EMPTY_CAMERA, testBody } from './camera-model.ts';
import { extendBody, holdBody, prefillOf, queryOf } from './hold-model.ts';

const TZ = 'Europe/Rome';

describe('hold prefill from the address', () => {
  it('reads cameras, range (ms or ISO) and reason, shown in the site zone', () => {
    const from = Date.UTC(2026, 11, 7, 14, 0, 0);
    const q = queryOf(
      `holds?cameras=cam-001,cam-002&from=${from}&to=2026-12-07T15:30:00Z&reason=Furto%20in%20via%20Roma`,
    );
    const d = prefillOf(q, TZ);
    expect(d).toMatchObject({
      cameraIds: ['cam-001', 'cam-002'],
      from: '7/12/2026 15:00:00',
      to: '7/12/2026 16:30:00',
      description: 'Furto in via Roma',
    });
    expect(prefillOf(queryOf('holds'), TZ)).toBeNull();
    const exact = prefillOf(queryOf(`holds?cameras=cam-001&from=${from + 522}`), TZ);
    expect(exact?.from).toBe('7/12/2026 15:00:00,522');
    expect(parseSiteDateTime(exact?.from ?? '', TZ)).toBe(from + 522);
  });

  it('sends UTC ms, until-released reason only without an expiry', () => {
    const d = prefillOf(queryOf('holds?cameras=cam-001&from=0&to=3600000'), TZ);
    if (d === null) throw new Error('no prefill');
    const body = holdBody({ ...d, untilReleasedReason: 'procedimento in corso' }, TZ);
    expect(body).toMatchObject({ fromMs: 0, toMs: 3_600_000, expiresMs: null });
    expect(body['untilReleasedReason']).toBe('procedimento in corso');
    const withExpiry = holdBody({ ...d, expires: '31/12/2026 23:00' }, TZ);
    expect(withExpiry['expiresMs']).toBe(parseSiteDateTime('31/12/2026 23:00', TZ));
    expect('untilReleasedReason' in withExpiry).toBe(false);
    expect(holdBody({ ...d, from: 'ieri' }, TZ)['fromMs']).toBe('ieri');
    expect(extendBody('', '', TZ)).toEqual({ expiresMs: null });
  });
});

describe('camera form body', () => {
  it('turns the typed fields into the API body, id only for a new camera', () => {
    const d = {
      ...EMPTY_CAMERA,
      id: 'cam-050',
      name: ' Piazza ',
      main: 'rtsp://10.0.0.5/live ',
      latitude: '44,1',
      longitude: '9.82',
      credentialsRef: 'env:CAM',
    };
    expect(cameraBody(d)).toMatchObject({
      id: 'cam-050',
      name: 'Piazza',
      streams: { main: 'rtsp://10.0.0.5/live', sub: null },
      credentialsRef: 'env:CAM',
      location: { latitude: 44.1, longitude: 9.82 },
      enabled: true,
    });
    expect(cameraBody({ ...d, editing: 'cam-050' })['id']).toBeUndefined();
    expect(cameraBody({ ...d, latitude: 'nord' })['location']).toMatchObject({ latitude: 'nord' });
    expect(testBody(d)).toEqual({
      url: 'rtsp://10.0.0.5/live',
      credentialsRef: 'env:CAM',
      allowBasicOverPlainRtsp: false,
    });
    const back = draftOf({
      id: 'cam-050',
      name: 'Piazza',
      streams: { main: 'rtsp://h/x', sub: null },
      credentialsRef: null,
      allowBasicOverPlainRtsp: true,
      hasSubStream: false,
      codecHint: null,
      location: { latitude: 44.1, longitude: 9.82, address: '', district: '' },
      purpose: 'urban_security',
      signage: { status: 'missing', placedOn: null },
      retentionDays: 3,
      retentionJustification: null,
      enabled: false,
      tags: [],
      groupIds: ['grp-a'],
    });
    expect(back).toMatchObject({ main: 'rtsp://h/x', sub: '', enabled: false, editing: 'cam-050' });
  });
});
