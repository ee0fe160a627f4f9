/** The Leaflet layer of a configured basemap (PMTiles archive, XYZ or WMS), or null for none. */
import L from 'leaflet';
import { PmtilesLayer } from './pmtiles-layer.ts';
import type { Basemap } from './map-settings.ts';

/** Zoom the map allows beyond the basemap's own tiles (which are then enlarged). */
export const MAP_MAX_ZOOM = 20;

/** The layer of `basemap`; null for `none`. */
export function basemapLayer(basemap: Basemap): L.GridLayer | null {
  switch (basemap.kind) {
    case 'none':
      return null;
    case 'pmtiles':
      return new PmtilesLayer(basemap.url, {
        attribution: basemap.attribution,
        maxNativeZoom: basemap.maxZoom,
        maxZoom: MAP_MAX_ZOOM,
        className: 'map-basemap',
      });
    case 'xyz':
      return L.tileLayer(basemap.url, {
        attribution: basemap.attribution,
        maxNativeZoom: basemap.maxZoom,
        maxZoom: MAP_MAX_ZOOM,
        className: 'map-basemap',
      });
    case 'wms':
      return L.tileLayer.wms(basemap.url, {
        layers: basemap.layers,
        format: basemap.format,
        version: basemap.version,
        transparent: basemap.transparent,
        attribution: basemap.attribution,
        maxNativeZoom: basemap.maxZoom,
        maxZoom: MAP_MAX_ZOOM,
        className: 'map-basemap',
      });
  }
}
