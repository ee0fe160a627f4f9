/**
 * The Leaflet map of cameras: one marker per camera (vector circles, no images to fetch), the
 * configured tile layer when there is one, and a plain background otherwise or when the tile
 * server does not answer (every tile failing and none loading). Clicking a marker opens it.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import type { Camera } from '../api/index.ts';
import type { MapSettings } from './map-settings.ts';

/** Props of the map. */
export interface CameraMapProps {
  cameras: readonly Camera[];
  settings: MapSettings;
  onOpen: (cameraId: string) => void;
  /** Told when the tile server turned out to be unreachable. */
  onTilesFailed: () => void;
  openLabel: string;
}

/** Up to this many cameras, their names are always shown next to the markers. */
const LABELLED_UP_TO = 40;

/** Tiles failing before any loads, after which the tile server counts as unreachable. */
const FAILURES_BEFORE_PLAIN = 4;

/** The map itself. */
export function CameraMap({ cameras, settings, onOpen, onTilesFailed, openLabel }: CameraMapProps) {
  const holder = useRef<HTMLDivElement>(null);
  const handlers = useRef({ onOpen, onTilesFailed });
  handlers.current = { onOpen, onTilesFailed };

  useEffect(() => {
    const el = holder.current;
    if (el === null) return;
    const map = L.map(el, { zoomControl: true, attributionControl: settings.tileUrl !== null });
    if (settings.tileUrl !== null) {
      const layer = L.tileLayer(settings.tileUrl, {
        attribution: settings.attribution,
        maxZoom: 19,
      });
      let loaded = 0;
      let failed = 0;
      layer.on('tileload', () => loaded++);
      layer.on('tileerror', () => {
        failed++;
        if (loaded === 0 && failed >= FAILURES_BEFORE_PLAIN && map.hasLayer(layer)) {
          map.removeLayer(layer);
          handlers.current.onTilesFailed();
        }
      });
      layer.addTo(map);
    }
    const points: L.LatLngExpression[] = [];
    const markers: [Camera, L.CircleMarker][] = [];
    for (const c of cameras) {
      const at: L.LatLngExpression = [c.location.latitude, c.location.longitude];
      points.push(at);
      const marker = L.circleMarker(at, {
        radius: 9,
        color: '#1a1200',
        weight: 2,
        fillColor: c.enabled ? '#f2b33d' : '#9fb0c3',
        fillOpacity: 0.95,
        className: 'map-camera-marker',
      });
      // Names stay on screen for a small network; a large one shows them on hover.
      marker.bindTooltip(c.name, {
        direction: 'top',
        permanent: cameras.length <= LABELLED_UP_TO,
        className: 'map-camera-label',
      });
      marker.on('click', () => handlers.current.onOpen(c.id));
      markers.push([c, marker]);
    }
    // The view first: Leaflet draws vector markers only once the map has one.
    if (points.length > 0) {
      map.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: 17 });
    } else {
      map.setView([44.1025, 9.824], 13);
    }
    for (const [c, marker] of markers) {
      marker.addTo(map);
      const path = marker.getElement();
      if (path) {
        path.setAttribute('data-map-camera', c.id);
        path.setAttribute('role', 'button');
        path.setAttribute('aria-label', `${c.name}: ${openLabel}`);
      }
    }
    return () => {
      map.remove();
    };
  }, [cameras, settings, openLabel]);

  return (
    <div
      ref={holder}
      className="camera-map"
      data-tiles={settings.tileUrl === null ? 'none' : 'server'}
    />
  );
}
