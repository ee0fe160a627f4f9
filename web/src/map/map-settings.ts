/**
 * The map's background: the tile server configured for the installation (`privacy.map` in the
 * configuration, served with the public notice), or none — the police network is closed, so the
 * map must work with markers on a plain background.
 */
import { apiRequest } from '../api/index.ts';

/** Tile server settings; `tileUrl` null for a plain background. */
export interface MapSettings {
  tileUrl: string | null;
  attribution: string;
}

/** No tile server. */
export const PLAIN_MAP: MapSettings = { tileUrl: null, attribution: '' };

/** Reads the map settings from the public notice; a plain background when unavailable. */
export async function loadMapSettings(signal?: AbortSignal): Promise<MapSettings> {
  try {
    const body = await apiRequest<
      { map?: { tileUrl?: unknown; attribution?: unknown } } | undefined
    >('GET', '/api/public/notice', { signal });
    const tileUrl = body?.map?.tileUrl;
    const attribution = body?.map?.attribution;
    return {
      tileUrl: typeof tileUrl === 'string' && /^https?:\/\//.test(tileUrl) ? tileUrl : null,
      attribution: typeof attribution === 'string' ? attribution : '',
    };
  } catch {
    return PLAIN_MAP;
  }
}
