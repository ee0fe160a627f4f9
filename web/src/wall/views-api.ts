/**
 * Calls of the views API (`/api/views`), thin typed functions over the app's one request
 * function (failures are `ApiError`s), and the conversion between a saved view and the wall's
 * model (`wall-view-model.ts`).
 */
import { apiRequest } from '../api/index.ts';
import type { Layout } from './layout-geometry.ts';
import {
  EMPTY_PLACE,
  hiddenPlaces,
  shownPlaces,
  type Place,
  type Tour,
  type WallView,
} from './wall-view-model.ts';

/** Who sees a view. */
export type Sharing = 'personal' | 'agency' | 'role';

/** A view as the server shows it. */
export interface SavedView {
  id: string;
  name: string;
  /** Folder path ("Eventi/Palio"); empty for the top level. */
  folder: string;
  layout: Layout;
  tiles: Place[];
  hiddenTiles: (Place | null)[];
  sharing: Sharing;
  role: string | null;
  tour: Tour | null;
  ownerId: string;
  ownerName: string;
  agencyId: string;
  createdMs: number;
  updatedMs: number;
  /** Whether the signed-in user may change or delete it (else "save as"). */
  editable: boolean;
  /** Cameras of the view the user may not watch now; their ids stay in the view. */
  unavailableCameraIds: string[];
}

/** What saving a view sends: its name, folder, sharing and content. */
export interface ViewInput {
  name: string;
  folder: string;
  sharing: Sharing;
  role: string | null;
  view: WallView;
}

/** The wall model of a saved view. */
export function wallViewOf(v: SavedView): WallView {
  const places = [...v.tiles, ...v.hiddenTiles].map((p) =>
    p === null ? EMPTY_PLACE : { cameraId: p.cameraId, stream: p.stream, tour: p.tour ?? null },
  );
  return { layout: v.layout, places, tour: v.tour };
}

function body(input: ViewInput): Record<string, unknown> {
  return {
    name: input.name,
    folder: input.folder,
    sharing: input.sharing,
    role: input.sharing === 'role' ? input.role : null,
    layout: input.view.layout,
    tiles: shownPlaces(input.view),
    hiddenTiles: hiddenPlaces(input.view),
    tour: input.view.tour,
  };
}

/** The user's views and those shared with their agency or role, by folder then name. */
export async function listViews(signal?: AbortSignal): Promise<SavedView[]> {
  return (await apiRequest<{ views: SavedView[] }>('GET', '/api/views', { signal })).views;
}

/** Saves a new view. */
export function createView(input: ViewInput): Promise<SavedView> {
  return apiRequest<SavedView>('POST', '/api/views', { body: body(input) });
}

/** Replaces a view. */
export function updateView(id: string, input: ViewInput): Promise<SavedView> {
  return apiRequest<SavedView>('PUT', `/api/views/${encodeURIComponent(id)}`, {
    body: body(input),
  });
}

/** Deletes a view. */
export async function deleteView(id: string): Promise<void> {
  await apiRequest<undefined>('DELETE', `/api/views/${encodeURIComponent(id)}`);
}

/** What saving `v` with new content sends (its own name, folder and sharing). */
export function inputOf(v: SavedView, view: WallView): ViewInput {
  return { name: v.name, folder: v.folder, sharing: v.sharing, role: v.role, view };
}
