/**
 * The wall view being shown, pure: a layout and an ordered list of places (each a camera, its
 * stream and optionally a tile tour). The layout shows the first places; the places after them
 * are kept — a 4×4 view shrunk to 2×2 keeps its twelve other cameras, hidden, and growing back
 * shows them in their places again. Putting a camera on a tile takes it off any other place.
 * The view's own tour shows its cameras page by page over the tiles.
 */
import { MAX_PLACES, tileCountOf, type Layout } from './layout-geometry.ts';

/** A tour: cameras cycled every `seconds` (at least 5). */
export interface Tour {
  cameraIds: string[];
  seconds: number;
}

/** One place: a camera (null: empty), the stream, and an optional tour of its own. */
export interface Place {
  cameraId: string | null;
  stream: 'main' | 'sub';
  tour: Tour | null;
}

/** What the wall shows and saves. */
export interface WallView {
  layout: Layout;
  /** Places in order: the layout shows the first `tileCountOf(layout)`; the rest are kept. */
  places: Place[];
  tour: Tour | null;
}

/** Shortest tour interval, seconds. */
export const MIN_TOUR_SECONDS = 5;

/** An empty place. */
export const EMPTY_PLACE: Place = { cameraId: null, stream: 'sub', tour: null };

/** A new view: 2×2, empty. */
export const EMPTY_VIEW: WallView = { layout: '4', places: [], tour: null };

/** The places the layout shows, padded with empty ones. */
export function shownPlaces(view: WallView): Place[] {
  return Array.from({ length: tileCountOf(view.layout) }, (_, i) => view.places[i] ?? EMPTY_PLACE);
}

/** The places kept beyond the layout (null for an empty one), trailing empty ones dropped. */
export function hiddenPlaces(view: WallView): (Place | null)[] {
  const rest = trimmed(view.places).slice(tileCountOf(view.layout));
  return rest.map((p) => (p.cameraId === null ? null : p));
}

function trimmed(places: readonly Place[]): Place[] {
  const out = places.slice(0, MAX_PLACES);
  while (out.length > 0 && out[out.length - 1]?.cameraId === null) out.pop();
  return out;
}

/** Changes the layout: every place is kept; the new layout shows the first ones. */
export function changeLayout(view: WallView, layout: Layout): WallView {
  return { ...view, layout, places: trimmed(view.places) };
}

/** Puts a camera on a shown tile (its sub-stream, no tour); taken off any other place. */
export function assign(view: WallView, index: number, cameraId: string): WallView {
  if (index < 0 || index >= tileCountOf(view.layout)) return view;
  const places = view.places.map((p) => (p.cameraId === cameraId ? EMPTY_PLACE : p));
  while (places.length <= index) places.push(EMPTY_PLACE);
  places[index] = { cameraId, stream: 'sub', tour: null };
  return { ...view, places: trimmed(places) };
}

/** Empties a shown tile (and stops its tour). */
export function clearTile(view: WallView, index: number): WallView {
  if (index < 0 || index >= view.places.length) return view;
  const places = view.places.slice();
  places[index] = EMPTY_PLACE;
  return { ...view, places: trimmed(places) };
}

/** Sets or removes a tile's tour; the tile starts on the tour's first camera. */
export function setTileTour(view: WallView, index: number, tour: Tour | null): WallView {
  if (index < 0 || index >= tileCountOf(view.layout)) return view;
  const places = view.places.slice();
  while (places.length <= index) places.push(EMPTY_PLACE);
  const before = places[index] ?? EMPTY_PLACE;
  places[index] = {
    ...before,
    cameraId: tour?.cameraIds[0] ?? before.cameraId,
    tour,
  };
  return { ...view, places: trimmed(places) };
}

/** The first empty shown tile, or -1. */
export function firstEmpty(view: WallView): number {
  return shownPlaces(view).findIndex((p) => p.cameraId === null);
}

/**
 * The camera each shown tile plays at tour step `step` (a count of the view's or the tiles'
 * intervals, see `tourSteps`): a tile with a tour shows its tour's camera of that step; with a
 * view tour, tile i shows camera `(page·n + i)` of the tour's list, page by page.
 */
export function camerasAt(view: WallView, steps: TourSteps): (string | null)[] {
  const shown = shownPlaces(view);
  const n = shown.length;
  return shown.map((p, i) => {
    if (p.tour !== null && p.tour.cameraIds.length > 0) {
      const k = steps.tile(p.tour.seconds);
      return p.tour.cameraIds[k % p.tour.cameraIds.length] ?? p.cameraId;
    }
    if (view.tour !== null && view.tour.cameraIds.length > 0) {
      const list = view.tour.cameraIds;
      const pages = Math.ceil(list.length / n);
      const page = steps.tile(view.tour.seconds) % pages;
      return list[page * n + i] ?? null;
    }
    return p.cameraId;
  });
}

/** How many intervals of `seconds` have passed since the tours started. */
export interface TourSteps {
  tile(seconds: number): number;
}

/** Tour steps from the seconds elapsed since the view was opened. */
export function stepsAfter(elapsedSeconds: number): TourSteps {
  return { tile: (seconds) => Math.floor(elapsedSeconds / Math.max(seconds, MIN_TOUR_SECONDS)) };
}
