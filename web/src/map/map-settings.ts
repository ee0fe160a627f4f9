/**
 * What the map is drawn from: `GET /api/map` (the city's basemap — a PMTiles archive on this
 * server, an XYZ or a WMS service on its network, or none — the first view and the image
 * overlays) and `GET /api/map/cameras` (every visible camera's position and state, one call for
 * the whole city).
 */
import { apiRequest } from '../api/index.ts';
import type { FieldOfView } from './fov-wedge.ts';

/** A position in degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** The basemap as the browser reaches it. */
export type Basemap =
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

/** An image overlay: its image and where its corners fall. */
export interface MapOverlay {
  name: string;
  url: string;
  opacity: number;
  corners: { topLeft: LatLon; topRight: LatLon; bottomLeft: LatLon; bottomRight: LatLon };
}

/** The body of `GET /api/map`. */
export interface MapSettings {
  basemap: Basemap;
  center: (LatLon & { zoom: number }) | null;
  overlays: MapOverlay[];
}

/** A camera's connection as the map shows it. */
export type MapLiveState = 'live' | 'connecting' | 'offline' | 'disabled' | 'unknown';

/** One camera on the map. */
export interface MapCamera {
  id: string;
  name: string;
  lat: number;
  lon: number;
  address: string;
  state: MapLiveState;
  /** Recording now; null when not told. */
  recording: boolean | null;
  masked: boolean;
  /** The camera can pan, tilt and zoom. */
  ptz: boolean;
  /** The register's field of view; null when not stated. */
  fieldOfView: FieldOfView | null;
}

/** No basemap, no overlays: markers on a plain background. */
export const PLAIN_MAP: MapSettings = { basemap: { kind: 'none' }, center: null, overlays: [] };

/** Reads the map settings; a plain map when they cannot be read. */
export async function loadMapSettings(signal?: AbortSignal): Promise<MapSettings> {
  try {
    return await apiRequest<MapSettings>('GET', '/api/map', { signal });
  } catch {
    return PLAIN_MAP;
  }
}

/** Reads every visible camera's position and state. */
export async function loadMapCameras(signal?: AbortSignal): Promise<MapCamera[]> {
  const body = await apiRequest<{ cameras: MapCamera[] }>('GET', '/api/map/cameras', { signal });
  return body.cameras;
}
