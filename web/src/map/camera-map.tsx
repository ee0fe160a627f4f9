/**
 * The Leaflet map of cameras: the city's basemap (PMTiles archive, XYZ or WMS on its network) or
 * a plain grid, the image overlays, and the cameras as status markers, clustered by a pixel grid
 * until they stand apart (200+ cameras at city scale). Clicking a camera selects it (the page
 * opens the popup, rendered here into Leaflet's popup); clicking a cluster zooms into it.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { basemapLayer, MAP_MAX_ZOOM } from './basemap-layer.ts';
import { clusterPoints } from './cluster.ts';
import { wedgePoints } from './fov-wedge.ts';
import { cameraIcon, clusterIcon, setCameraDragData, type MarkerTexts } from './markers.ts';
import type { MapCamera, MapSettings } from './map-settings.ts';
import { AffineImageLayer } from './overlay-layer.ts';

/** Props of the map. */
export interface CameraMapProps {
  cameras: readonly MapCamera[];
  settings: MapSettings;
  texts: MarkerTexts;
  /** The camera whose popup is open, or null. */
  selected: string | null;
  onSelect: (cameraId: string | null) => void;
  /** The popup's content for the selected camera. */
  popup: ReactNode;
  /** Told when every basemap tile fails and none loads (the source does not answer). */
  onTilesFailed: () => void;
}

/** Width of a clustering cell, in screen pixels. */
const CLUSTER_CELL_PX = 56;
/** Up to this many cameras on the map, names are always shown; beyond, from this zoom on. */
const LABELLED_UP_TO = 40;
const LABEL_ZOOM = 17;
/** From this zoom on, single cameras show their field of view. */
const WEDGE_ZOOM = 15;
/** Tiles failing before any loads, after which the basemap counts as unreachable. */
const FAILURES_BEFORE_PLAIN = 4;
/** The view with no camera and no configured centre. */
const FALLBACK_VIEW = { lat: 44.1025, lon: 9.824, zoom: 13 };

/** The map itself. */
export function CameraMap(props: CameraMapProps) {
  const { cameras, settings, texts, selected, popup } = props;
  const holder = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const [zoom, setZoom] = useState<number | null>(null);
  const [popupEl] = useState(() => document.createElement('div'));
  const handlers = useRef({ onSelect: props.onSelect, onTilesFailed: props.onTilesFailed });
  handlers.current = { onSelect: props.onSelect, onTilesFailed: props.onTilesFailed };
  const fitted = useRef(false);

  // The map, its basemap and overlays: once per settings.
  useEffect(() => {
    const el = holder.current;
    if (el === null) return;
    const m = L.map(el, { maxZoom: MAP_MAX_ZOOM, attributionControl: true });
    m.attributionControl.setPrefix(false);
    const base = basemapLayer(settings.basemap);
    if (base !== null) {
      let loaded = 0;
      let failed = 0;
      base.on('tileload', () => loaded++);
      base.on('tileerror', () => {
        failed++;
        if (loaded === 0 && failed >= FAILURES_BEFORE_PLAIN && m.hasLayer(base)) {
          m.removeLayer(base);
          handlers.current.onTilesFailed();
        }
      });
      base.addTo(m);
    }
    for (const o of settings.overlays) new AffineImageLayer(o).addTo(m);
    const c = settings.center ?? FALLBACK_VIEW;
    m.setView([c.lat, c.lon], c.zoom);
    fitted.current = settings.center !== null;
    m.on('zoomend', () => setZoom(m.getZoom()));
    setZoom(m.getZoom());
    setMap(m);
    return () => {
      setMap(null);
      // A pan or zoom still animating when the map goes would touch removed panes.
      m.stop();
      m.off();
      m.remove();
    };
  }, [settings]);

  // Fit every camera once, when no centre is configured.
  useEffect(() => {
    if (map === null || fitted.current || cameras.length === 0) return;
    fitted.current = true;
    const bounds = L.latLngBounds(cameras.map((c): L.LatLngTuple => [c.lat, c.lon]));
    map.fitBounds(bounds, { padding: [40, 40], maxZoom: 17, animate: false });
  }, [map, cameras]);

  // The markers: regrouped on every zoom and every change of the cameras' states.
  useEffect(() => {
    if (map === null || zoom === null) return;
    const layer = L.layerGroup().addTo(map);
    const byId = new Map(cameras.map((c) => [c.id, c]));
    const points = cameras.map((c) => {
      const p = map.project([c.lat, c.lon], zoom);
      return { id: c.id, x: p.x, y: p.y };
    });
    const groups =
      zoom >= MAP_MAX_ZOOM
        ? points.map((p) => ({ ids: [p.id], x: p.x, y: p.y }))
        : clusterPoints(points, CLUSTER_CELL_PX);
    const label = cameras.length <= LABELLED_UP_TO || zoom >= LABEL_ZOOM;
    for (const g of groups) {
      const at = map.unproject([g.x, g.y], zoom);
      const first = g.ids[0];
      const camera = first === undefined ? undefined : byId.get(first);
      if (g.ids.length === 1 && camera !== undefined) {
        if (camera.fieldOfView !== null && zoom >= WEDGE_ZOOM) {
          const wedge = L.polygon(wedgePoints(camera.lat, camera.lon, camera.fieldOfView), {
            className: `map-fov map-fov-${camera.state}`,
            interactive: false,
            weight: 1,
          });
          wedge.addTo(layer);
          wedge.getElement()?.setAttribute('data-map-fov', camera.id);
        }
        const marker = L.marker(at, { icon: cameraIcon(camera, label, texts), keyboard: true });
        marker.on('click', () => handlers.current.onSelect(camera.id));
        marker.addTo(layer);
        const el = marker.getElement();
        el?.setAttribute('draggable', 'true');
        // The map's own dragging (panning) starts on a press anywhere in it and then cancels
        // every native drag in the page: a press on a camera must not reach it.
        if (el) L.DomEvent.on(el, 'mousedown pointerdown touchstart', L.DomEvent.stopPropagation);
        el?.addEventListener('dragstart', (e) => {
          if (e.dataTransfer !== null) setCameraDragData(e.dataTransfer, camera.id);
        });
      } else {
        const members = g.ids.flatMap((id) => byId.get(id) ?? []);
        const offline = members.filter((c) => c.state === 'offline').length;
        const marker = L.marker(at, { icon: clusterIcon(g.ids.length, offline, texts) });
        marker.on('click', () => {
          const bounds = L.latLngBounds(members.map((c): L.LatLngTuple => [c.lat, c.lon]));
          map.fitBounds(bounds, { padding: [60, 60], maxZoom: MAP_MAX_ZOOM });
        });
        marker.addTo(layer);
      }
    }
    return () => {
      layer.remove();
    };
  }, [map, zoom, cameras, texts]);

  // The popup of the selected camera.
  const camera = cameras.find((c) => c.id === selected);
  const lat = camera?.lat;
  const lon = camera?.lon;
  useEffect(() => {
    if (map === null || lat === undefined || lon === undefined) return;
    const p = L.popup({
      className: 'map-popup',
      minWidth: 300,
      maxWidth: 360,
      autoPanPadding: [40, 40],
    })
      .setLatLng([lat, lon])
      .setContent(popupEl);
    p.on('remove', () => handlers.current.onSelect(null));
    p.openOn(map);
    return () => {
      p.off('remove');
      p.remove();
    };
  }, [map, lat, lon, popupEl]);

  return (
    <>
      <div
        ref={holder}
        className="camera-map"
        data-basemap={settings.basemap.kind}
        data-zoom={zoom ?? ''}
      />
      {camera !== undefined && createPortal(popup, popupEl)}
    </>
  );
}
