/**
 * What the web app's map is told (`GET /api/map`), built once from the `map` section: the basemap
 * as the browser reaches it (a PMTiles file becomes this server's range route), the first view,
 * and each overlay's image route and corners. Checks the files at start-up and names the key of a
 * file it cannot use (`map.overlays[0].image: cannot read file (...)`).
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { AppError, type MapConfig, type OverlayConfig } from '../app/index.ts';
import { imageSize, type ImageSize } from './image-size.ts';
import { overlayCorners, type OverlayCorners } from './overlay-geometry.ts';

/** The browser's basemap. */
export type BasemapSettings =
  | { kind: 'none' }
  | { kind: 'pmtiles'; url: string; attribution: string; maxZoom: number }
  | { kind: 'xyz'; url: string; attribution: string; maxZoom: number }
  | {
      kind: 'wms';
      url: string;
      layers: string;
      format: string;
      version: string;
      transparent: boolean;
      attribution: string;
      maxZoom: number;
    };

/** One overlay as the browser draws it. */
export interface OverlaySettings {
  name: string;
  url: string;
  opacity: number;
  corners: OverlayCorners;
}

/** The body of `GET /api/map`. */
export interface MapSettings {
  basemap: BasemapSettings;
  center: { lat: number; lon: number; zoom: number } | null;
  overlays: OverlaySettings[];
}

/** Where the PMTiles archive is served (HTTP range requests). */
export const BASEMAP_PMTILES_PATH = '/api/map/basemap.pmtiles';
/** Where overlay `i` (0-based) is served. */
export const overlayImagePath = (i: number): string => `/api/map/overlays/${i}`;

/** A file named by `key` that cannot be used: an `invalid_argument` naming the key. */
function fileProblem(key: string, message: string): AppError {
  return new AppError('invalid_argument', `configuration: ${key}: ${message}`, { key });
}

/** The first `bytes` bytes of `path` (fewer when the file is shorter). */
function readHead(path: string, bytes: number, key: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw fileProblem(key, `cannot read file (${(e as Error).message})`);
  }
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function overlaySettings(o: OverlayConfig, i: number): OverlaySettings {
  const key = `map.overlays[${i}]`;
  const size: ImageSize | null = imageSize(readHead(o.image, 65_536, `${key}.image`));
  if (size === null) throw fileProblem(`${key}.image`, 'is not a PNG or JPEG image');
  let corners: OverlayCorners;
  try {
    corners = overlayCorners(size, o.points);
  } catch (e) {
    throw fileProblem(`${key}.points`, (e as Error).message);
  }
  return { name: o.name, url: overlayImagePath(i), opacity: o.opacity, corners };
}

/** The settings for the web app; throws an `invalid_argument` naming the key of a bad file. */
export function mapSettingsOf(config: MapConfig): MapSettings {
  const b = config.basemap;
  let basemap: BasemapSettings = { kind: 'none' };
  if (b?.kind === 'pmtiles') {
    const head = readHead(b.file, 8, 'map.basemap.file');
    if (head.subarray(0, 7).toString('latin1') !== 'PMTiles' || head[7] !== 3) {
      throw fileProblem('map.basemap.file', 'is not a PMTiles version 3 archive');
    }
    basemap = {
      kind: 'pmtiles',
      url: BASEMAP_PMTILES_PATH,
      attribution: b.attribution,
      maxZoom: b.maxZoom,
    };
  } else if (b !== null) {
    basemap = { ...b };
  }
  return { basemap, center: config.center, overlays: config.overlays.map(overlaySettings) };
}
