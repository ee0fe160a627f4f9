/** The map module's public entry: the operations room's map settings, files and camera states. */
export { createMapService, type MapDeps, type MapService } from './create.ts';
export { mapRoutes } from './routes.ts';
export type { MapCameraState, MapFieldOfView, MapLiveState } from './camera-states.ts';
export type { MapSettings, BasemapSettings, OverlaySettings } from './map-settings.ts';
export { overlayCorners, type OverlayCorners, type OverlayPoint } from './overlay-geometry.ts';
export { parseByteRange, type ByteRange } from './byte-range.ts';
