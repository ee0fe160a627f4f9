/**
 * The map service, created once at start-up from the `map` section: the settings the web app
 * reads, the files the routes serve, and every camera's state in one call.
 */
import type { MapConfig } from '../app/index.ts';
import type { Principal } from '../permissions/index.ts';
import { cameraStates, type CameraStateSources, type MapCameraState } from './camera-states.ts';
import { mapSettingsOf, type MapSettings } from './map-settings.ts';

/** The map service. */
export interface MapService {
  /** The body of `GET /api/map`. */
  readonly settings: MapSettings;
  /** The PMTiles archive to serve, or null when the basemap is not a PMTiles file. */
  readonly basemapFile: string | null;
  /** Overlay `index`'s image file and type, or undefined when there is none. */
  overlayImage(index: number): { path: string; contentType: string } | undefined;
  /** Every camera `principal` may see, with its state. */
  cameraStates(principal: Principal): Promise<MapCameraState[]>;
}

/** What the map service is built from. */
export interface MapDeps extends CameraStateSources {
  config: MapConfig;
}

/**
 * Creates the map service. Throws an `invalid_argument` naming the key (`map.basemap.file`,
 * `map.overlays[0].image`) when a configured file cannot be used.
 */
export function createMapService(deps: MapDeps): MapService {
  const { config } = deps;
  const settings = mapSettingsOf(config);
  return {
    settings,
    basemapFile: config.basemap?.kind === 'pmtiles' ? config.basemap.file : null,
    overlayImage(index) {
      const o = config.overlays[index];
      if (o === undefined) return undefined;
      return { path: o.image, contentType: /\.png$/i.test(o.image) ? 'image/png' : 'image/jpeg' };
    },
    cameraStates: (principal) => cameraStates(deps, principal),
  };
}
