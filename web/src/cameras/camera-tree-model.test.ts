import { describe, expect, it } from 'vitest';
import type { Camera } from '../api/index.ts';
import { filterCameras, groupCameras, normalizeText } from './camera-tree-model.ts';

function camera(id: string, name: string, district: string, groupIds: string[] = []): Camera {
  return {
    id,
    name,
    streams: { main: `rtsp://127.0.0.1/${id}`, sub: null },
    credentialsRef: null,
    allowBasicOverPlainRtsp: false,
    hasSubStream: false,
    codecHint: 'h264',
    location: { latitude: 44.1, longitude: 9.8, address: `Via ${name} 1`, district },
    purpose: 'urban_security',
    signage: { status: 'placed', placedOn: '2024-05-01' },
    retentionDays: 7,
    retentionJustification: 'centro storico',
    enabled: true,
    tags: [],
    groupIds,
  };
}

const labels = { noDistrict: 'Nessun quartiere', noGroup: 'Senza gruppo', all: 'Tutte' };
const cams = [
  camera('cam-003', 'Piazza della Libertà', 'Centro', ['g-centro']),
  camera('cam-001', 'Piazza Verdi 10', 'Centro'),
  camera('cam-002', 'Piazza Verdi 2', 'Migliarina', ['g-centro', 'g-scuole']),
  camera('cam-004', 'Stazione', ''),
];

describe('filterCameras', () => {
  it('matches name, address and id, ignoring case and accents', () => {
    expect(filterCameras(cams, 'LIBERTA').map((c) => c.id)).toEqual(['cam-003']);
    expect(filterCameras(cams, 'via stazione').map((c) => c.id)).toEqual(['cam-004']);
    expect(filterCameras(cams, 'cam-002').map((c) => c.id)).toEqual(['cam-002']);
    expect(filterCameras(cams, 'migliarina').map((c) => c.id)).toEqual(['cam-002']);
  });

  it('needs every word to match and returns all for an empty query', () => {
    expect(filterCameras(cams, 'verdi 10').map((c) => c.id)).toEqual(['cam-001']);
    expect(filterCameras(cams, '  ')).toHaveLength(4);
  });

  it('normalises text', () => {
    expect(normalizeText('Perché È')).toBe('perche e');
  });
});

describe('groupCameras', () => {
  it('groups by district with the unnamed district last, names in natural order', () => {
    const branches = groupCameras(cams, 'district', null, labels);
    expect(branches.map((b) => [b.label, b.cameras.map((c) => c.id)])).toEqual([
      ['Centro', ['cam-003', 'cam-001']],
      ['Migliarina', ['cam-002']],
      ['Nessun quartiere', ['cam-004']],
    ]);
    const verdi = groupCameras(
      [cams[1], cams[2]].filter((c) => c !== undefined),
      'none',
      null,
      labels,
    );
    expect(verdi[0]?.cameras.map((c) => c.name)).toEqual(['Piazza Verdi 2', 'Piazza Verdi 10']);
  });

  it('groups by named groups, from either side of the membership', () => {
    const groups = [
      { id: 'g-centro', name: 'Centro storico', cameraIds: ['cam-001'] },
      { id: 'g-scuole', name: 'Scuole', cameraIds: [] },
      { id: 'g-empty', name: 'Vuoto', cameraIds: [] },
    ];
    const branches = groupCameras(cams, 'group', groups, labels);
    expect(branches.map((b) => [b.label, b.cameras.map((c) => c.id)])).toEqual([
      ['Centro storico', ['cam-003', 'cam-002', 'cam-001']],
      ['Scuole', ['cam-002']],
      ['Senza gruppo', ['cam-004']],
    ]);
  });

  it('uses group ids as labels when the server offers no groups', () => {
    const branches = groupCameras(cams, 'group', null, labels);
    expect(branches.map((b) => b.label)).toEqual(['g-centro', 'g-scuole', 'Senza gruppo']);
  });

  it('gives no branch for no cameras', () => {
    expect(groupCameras([], 'none', null, labels)).toEqual([]);
    expect(groupCameras([], 'district', null, labels)).toEqual([]);
  });
});
