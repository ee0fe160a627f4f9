/**
 * The map's markers as Leaflet div icons (HTML, styled in map.css, so tests and screen readers
 * read them): a camera's dot coloured by its connection, with a ring when it is not recording, a
 * badge when it has privacy masks, a diamond when it is PTZ, and its name; a cluster's count. A camera marker can be dragged
 * onto a wall tile (the same drag data as the wall's camera list).
 */
import L from 'leaflet';
import type { MapCamera } from './map-settings.ts';

/**
 * The drag data type of a camera, the same as the wall's camera list
 * (`web/src/wall/wall-tile.tsx`, `CAMERA_DRAG_TYPE`), so a marker dropped on a wall tile opens it.
 */
export const MAP_CAMERA_DRAG_TYPE = 'application/x-vedetta-camera';

/** Marks a drag as carrying camera `id` (for the wall and for plain-text drop targets). */
export function setCameraDragData(data: DataTransfer, id: string): void {
  data.setData(MAP_CAMERA_DRAG_TYPE, id);
  data.setData('text/plain', id);
  data.effectAllowed = 'copy';
}

/** What a marker says, in the interface's language. */
export interface MarkerTexts {
  /** The camera's state in words, for its accessible name. */
  describe: (camera: MapCamera) => string;
  /** "12 telecamere: ingrandisci". */
  cluster: (count: number) => string;
}

/** Whether the camera is live but not recording (the ring of the legend). */
export function notRecording(c: MapCamera): boolean {
  return c.recording === false && c.state !== 'disabled';
}

/** The icon of one camera; `label` shows its name next to the dot. */
export function cameraIcon(c: MapCamera, label: boolean, texts: MarkerTexts): L.DivIcon {
  const el = document.createElement('div');
  el.className = 'map-marker';
  el.dataset['mapCamera'] = c.id;
  el.dataset['state'] = c.state;
  el.dataset['recording'] = c.recording === null ? 'unknown' : String(c.recording);
  el.dataset['masked'] = String(c.masked);
  el.dataset['ptz'] = String(c.ptz);
  el.setAttribute('role', 'button');
  el.setAttribute('aria-label', texts.describe(c));
  el.title = texts.describe(c);
  el.draggable = true;
  const dot = document.createElement('span');
  dot.className = `map-dot${notRecording(c) ? ' map-dot-not-recording' : ''}`;
  el.append(dot);
  if (c.masked) {
    const badge = document.createElement('span');
    badge.className = 'map-badge-masked';
    badge.setAttribute('aria-hidden', 'true');
    el.append(badge);
  }
  if (c.ptz) {
    const badge = document.createElement('span');
    badge.className = 'map-badge-ptz';
    badge.setAttribute('aria-hidden', 'true');
    el.append(badge);
  }
  if (label) {
    const name = document.createElement('span');
    name.className = 'map-marker-label';
    name.textContent = c.name;
    el.append(name);
  }
  return L.divIcon({
    html: el,
    className: 'map-marker-icon',
    iconSize: [18, 18],
    iconAnchor: [9, 9],
  });
}

/** The icon of a cluster of `count` cameras (`offline` of them not live). */
export function clusterIcon(count: number, offline: number, texts: MarkerTexts): L.DivIcon {
  const el = document.createElement('div');
  el.className = 'map-cluster';
  el.dataset['mapCluster'] = String(count);
  el.dataset['offline'] = String(offline);
  el.setAttribute('role', 'button');
  el.setAttribute('aria-label', texts.cluster(count));
  el.title = texts.cluster(count);
  el.textContent = String(count);
  const size = count < 10 ? 30 : count < 100 ? 36 : 44;
  return L.divIcon({
    html: el,
    className: `map-cluster-icon${offline > 0 ? ' map-cluster-has-offline' : ''}`,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });
}
