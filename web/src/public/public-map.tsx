/**
 * The public map: one marker per camera (vector circles, no images to fetch), its name beside it
 * (on hover beyond 40 cameras), on the configured tile server, or on a plain background when none
 * is configured or it does not answer. Each marker carries `data-public-camera="<id>"` and names
 * the camera for screen readers.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'react';
import type { PublicCamera } from './public-api.ts';

/** Props of the public map. */
export interface PublicMapProps {
  cameras: readonly PublicCamera[];
  tileUrl: string | null;
  attribution: string;
  /** Text of a marker's tooltip and label. */
  describe: (camera: PublicCamera) => string;
  plainNotice: string;
}

/** Up to this many cameras, each dot carries its name. */
const LABELLED_UP_TO = 40;

/** Tiles failing before any loads, after which the background is left plain. */
const FAILURES_BEFORE_PLAIN = 4;

/** The map of cameras. */
export function PublicMap({
  cameras,
  tileUrl,
  attribution,
  describe,
  plainNotice,
}: PublicMapProps) {
  const holder = useRef<HTMLDivElement>(null);
  const [plain, setPlain] = useState(tileUrl === null);
  const describeRef = useRef(describe);
  describeRef.current = describe;

  useEffect(() => {
    const el = holder.current;
    if (el === null) return;
    const map = L.map(el, { attributionControl: tileUrl !== null, scrollWheelZoom: false });
    if (tileUrl !== null) {
      const layer = L.tileLayer(tileUrl, { attribution, maxZoom: 19 });
      let loaded = 0;
      let failed = 0;
      layer.on('tileload', () => loaded++);
      layer.on('tileerror', () => {
        failed++;
        if (loaded === 0 && failed >= FAILURES_BEFORE_PLAIN && map.hasLayer(layer)) {
          map.removeLayer(layer);
          setPlain(true);
        }
      });
      layer.addTo(map);
    }
    // The view is set first: Leaflet creates a marker's element only once the map has one.
    const points = cameras.map((c): L.LatLngTuple => [c.latitude, c.longitude]);
    if (points.length > 0)
      map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 17 });
    else map.setView([44.1025, 9.824], 13);
    for (const c of cameras) {
      const marker = L.circleMarker([c.latitude, c.longitude], {
        radius: 8,
        color: '#0b3d66',
        weight: 2,
        fillColor: '#2f80c9',
        fillOpacity: 0.9,
        className: 'public-camera-marker',
      });
      const text = describeRef.current(c);
      // The name stays next to the dot for a town's network; a large one names it on hover.
      const labelled = cameras.length <= LABELLED_UP_TO;
      marker.bindTooltip(labelled ? c.name : text, {
        direction: 'right',
        offset: [8, 0],
        permanent: labelled,
        className: 'public-camera-label',
      });
      if (labelled) marker.bindPopup(text);
      marker.addTo(map);
      const path = marker.getElement();
      if (path) {
        path.setAttribute('data-public-camera', c.id);
        path.setAttribute('role', 'img');
        path.setAttribute('aria-label', text);
      }
    }
    return () => {
      map.remove();
    };
  }, [cameras, tileUrl, attribution]);

  return (
    <figure className="public-map-figure">
      <div ref={holder} className="public-map" data-tiles={plain ? 'none' : 'server'} />
      {plain && <figcaption className="public-muted">{plainNotice}</figcaption>}
    </figure>
  );
}
