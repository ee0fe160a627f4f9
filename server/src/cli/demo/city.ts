/**
 * The simulated city: La Spezia's streets and squares, with plausible coordinates around
 * 44.10 N 9.82 E, turned into camera registry entries. Each camera's streams point at the camera
 * simulator (`rtsp://127.0.0.1:SIMPORT/cam-001` and `.../cam-001/sub`).
 */
import type { CameraCreate } from '../../cameras/index.ts';

interface Place {
  name: string;
  district: string;
  latitude: number;
  longitude: number;
  purpose?: 'traffic' | 'waste';
  tags?: string[];
}

/** Places of the demo city, most watched first. */
export const PLACES: readonly Place[] = [
  {
    name: 'Piazza Verdi',
    district: 'Centro',
    latitude: 44.1069,
    longitude: 9.8259,
    tags: ['piazza'],
  },
  { name: 'Via del Prione', district: 'Centro', latitude: 44.1044, longitude: 9.8228 },
  {
    name: 'Piazza Garibaldi',
    district: 'Centro',
    latitude: 44.1071,
    longitude: 9.8196,
    tags: ['piazza'],
  },
  {
    name: 'Piazza Europa',
    district: 'Centro',
    latitude: 44.1029,
    longitude: 9.8268,
    tags: ['piazza'],
  },
  {
    name: 'Passeggiata Morin',
    district: 'Centro',
    latitude: 44.1013,
    longitude: 9.8262,
    tags: ['lungomare'],
  },
  {
    name: 'Giardini pubblici - Viale Mazzini',
    district: 'Centro',
    latitude: 44.1027,
    longitude: 9.8243,
    tags: ['parco'],
  },
  { name: "Piazza Sant'Agostino", district: 'Centro', latitude: 44.1058, longitude: 9.8226 },
  { name: 'Corso Cavour', district: 'Centro', latitude: 44.1056, longitude: 9.8248 },
  { name: 'Via Chiodo', district: 'Centro', latitude: 44.1034, longitude: 9.8213 },
  {
    name: 'Piazza Cavour - Mercato',
    district: 'Centro',
    latitude: 44.1049,
    longitude: 9.8254,
    tags: ['mercato'],
  },
  { name: 'Via XX Settembre', district: 'Centro', latitude: 44.1036, longitude: 9.8181 },
  {
    name: 'Piazza Brin',
    district: 'Umbertino',
    latitude: 44.1092,
    longitude: 9.8244,
    tags: ['piazza'],
  },
  { name: 'Via Vittorio Veneto', district: 'Umbertino', latitude: 44.1102, longitude: 9.8291 },
  {
    name: 'Stazione Centrale - Via Fiume',
    district: 'Umbertino',
    latitude: 44.1106,
    longitude: 9.8183,
    tags: ['stazione'],
  },
  {
    name: 'Viale Italia',
    district: 'Lungomare',
    latitude: 44.1001,
    longitude: 9.8331,
    purpose: 'traffic',
  },
  { name: 'Porto Lotti', district: 'Lungomare', latitude: 44.0986, longitude: 9.8379 },
  {
    name: 'Corso Nazionale',
    district: 'Mazzetta',
    latitude: 44.1089,
    longitude: 9.8398,
    purpose: 'traffic',
  },
  { name: 'Via Carducci', district: 'Canaletto', latitude: 44.1061, longitude: 9.8362 },
  {
    name: 'Stadio Alberto Picco',
    district: 'Canaletto',
    latitude: 44.1034,
    longitude: 9.8381,
    tags: ['stadio'],
  },
  {
    name: 'Viale San Bartolomeo',
    district: 'Canaletto',
    latitude: 44.1012,
    longitude: 9.8468,
    purpose: 'traffic',
  },
  { name: 'Via Lunigiana', district: 'Migliarina', latitude: 44.1101, longitude: 9.8442 },
  {
    name: 'Via Sarzana - isola ecologica',
    district: 'Migliarina',
    latitude: 44.1118,
    longitude: 9.8488,
    purpose: 'waste',
  },
  {
    name: 'Ospedale Sant\u2019Andrea',
    district: 'Fossitermi',
    latitude: 44.1143,
    longitude: 9.8313,
    tags: ['ospedale'],
  },
  { name: 'Via Fontevivo', district: 'Fossitermi', latitude: 44.1214, longitude: 9.8334 },
  {
    name: 'Via Aurelia - Felettino',
    district: 'Felettino',
    latitude: 44.1262,
    longitude: 9.8351,
    purpose: 'traffic',
  },
  { name: 'Via Montalbano', district: 'Pegazzano', latitude: 44.1151, longitude: 9.8089 },
  { name: 'Piazza della Chiappa', district: 'Chiappa', latitude: 44.1157, longitude: 9.8178 },
  {
    name: 'Lungomare di Marola',
    district: 'Marola',
    latitude: 44.0979,
    longitude: 9.8071,
    tags: ['lungomare'],
  },
  { name: 'Piazza di Cadimare', district: 'Cadimare', latitude: 44.0931, longitude: 9.8002 },
  {
    name: 'Via Sant\u2019Anna - Melara',
    district: 'Melara',
    latitude: 44.1183,
    longitude: 9.8522,
    purpose: 'waste',
  },
  { name: 'Via di Fabiano', district: 'Fabiano', latitude: 44.0942, longitude: 9.8161 },
  { name: 'Piazza di San Venerio', district: 'San Venerio', latitude: 44.1302, longitude: 9.8651 },
];

/** The group id for a district: `grp-centro`, `grp-san-venerio`. */
export function districtGroupId(district: string): string {
  return `grp-${district.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

function signageFor(i: number): CameraCreate['signage'] {
  if (i % 11 === 7) return { status: 'planned', placedOn: null };
  if (i % 17 === 16) return { status: 'missing', placedOn: null };
  const month = String((i % 12) + 1).padStart(2, '0');
  return { status: 'placed', placedOn: `2024-${month}-15` };
}

/**
 * `count` demo cameras (cycling through the places, with a suffix past the first round). With
 * `onvifUrl` (the simulator's ONVIF side) each keeps its device service address and the
 * simulator's `main`/`sub` profiles, as a camera added from an ONVIF probe does.
 */
export function demoCameras(
  count: number,
  simulatorPort: number,
  onvifUrl?: (cameraId: string) => string,
): CameraCreate[] {
  const out: CameraCreate[] = [];
  for (let i = 0; i < count; i++) {
    const place = PLACES[i % PLACES.length] as Place;
    const round = Math.floor(i / PLACES.length);
    const id = `cam-${String(i + 1).padStart(3, '0')}`;
    const purpose = place.purpose ?? 'urban_security';
    const longRetention = purpose !== 'traffic' && i % 3 === 0;
    const retentionDays = longRetention ? (purpose === 'waste' ? 5 : 7) : 3;
    const offset = round * 0.0004;
    out.push({
      id,
      name: round === 0 ? place.name : `${place.name} (${round + 1})`,
      streams: {
        main: `rtsp://127.0.0.1:${simulatorPort}/${id}`,
        sub: `rtsp://127.0.0.1:${simulatorPort}/${id}/sub`,
      },
      credentialsRef: null,
      // Both streams recorded (the default where a sub-stream exists): the playback grid plays sub.
      recording: { streams: null },
      onvif:
        onvifUrl === undefined
          ? null
          : { address: onvifUrl(id), profiles: { main: 'main', sub: 'sub' } },
      device: null,
      codecHint: i % 5 === 4 ? 'h265' : 'h264',
      location: {
        latitude: Number((place.latitude + offset).toFixed(6)),
        longitude: Number((place.longitude - offset).toFixed(6)),
        address: place.name,
        district: place.district,
      },
      purpose,
      signage: signageFor(i),
      retentionDays,
      retentionJustification: longRetention
        ? purpose === 'waste'
          ? 'Accertamento abbandono rifiuti: tempi di verifica della Polizia Municipale'
          : 'Area ad alta frequentazione; richiesta del Comitato provinciale ordine e sicurezza'
        : null,
      enabled: true,
      tags: [...(place.tags ?? []), ...(i % 7 === 0 ? ['ptz'] : [])],
      groupIds: [districtGroupId(place.district)],
    });
  }
  return out;
}

/** The districts (and their group ids) the first `count` demo cameras fall in. */
export function demoDistricts(count: number): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (let i = 0; i < Math.min(count, PLACES.length); i++) {
    const d = (PLACES[i] as Place).district;
    seen.set(districtGroupId(d), d);
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}
