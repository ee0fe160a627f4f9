/**
 * Calls of the displays API (`/api/displays`): thin typed functions over the app's one request
 * function (failures are `ApiError`s), and the shapes the server answers.
 */
import { apiRequest } from '../api/index.ts';

/** A tour: cameras cycled every `seconds`. */
export interface PushedTour {
  cameraIds: string[];
  seconds: number;
}

/** A tile of a view pushed to a display. */
export interface PushedTile {
  cameraId: string | null;
  stream: 'main' | 'sub';
  tour: PushedTour | null;
}

/** What a display shows; camera names as they were when pushed. */
export type DisplayContent =
  | { kind: 'none' }
  | { kind: 'camera'; cameraId: string; stream: 'main' | 'sub'; names: Record<string, string> }
  | {
      kind: 'view';
      viewId: string;
      name: string;
      layout: string;
      tiles: PushedTile[];
      tour: PushedTour | null;
      names: Record<string, string>;
    }
  | {
      kind: 'replay';
      cameraId: string;
      fromMs: number;
      toMs: number;
      reason: string;
      names: Record<string, string>;
    };

/** A wall display as the server shows it. */
export interface Display {
  id: string;
  name: string;
  room: string;
  agencyId: string;
  accountId: string | null;
  accountUsername: string | null;
  content: DisplayContent;
  pushedBy: string | null;
  pushedMs: number | null;
  updatedMs: number;
  /** True while the display's browser is connected. */
  online: boolean;
}

/** What an operator pushes. */
export type Push =
  | { kind: 'camera'; cameraId: string; stream?: 'main' | 'sub' }
  | { kind: 'view'; viewId: string }
  | { kind: 'replay'; cameraId: string; fromMs: number; reason: string };

/** The displays of the user's agency. */
export async function listDisplays(signal?: AbortSignal): Promise<Display[]> {
  const body = await apiRequest<{ displays: Display[] }>('GET', '/api/displays', { signal });
  return body.displays;
}

/** Creates a display (`display.manage`). */
export function createDisplay(input: {
  name: string;
  room: string;
  accountUsername: string | null;
}): Promise<Display> {
  return apiRequest<Display>('POST', '/api/displays', { body: input });
}

/** Deletes a display (`display.manage`). */
export async function deleteDisplay(id: string): Promise<void> {
  await apiRequest<unknown>('DELETE', `/api/displays/${encodeURIComponent(id)}`);
}

/** Pushes a camera, a view or a replay to a display (`display.push`). */
export function pushToDisplay(id: string, push: Push): Promise<Display> {
  return apiRequest<Display>('POST', `/api/displays/${encodeURIComponent(id)}/push`, {
    body: push,
  });
}

/** Takes back what a display shows (`display.push`). */
export function clearDisplay(id: string): Promise<Display> {
  return apiRequest<Display>('POST', `/api/displays/${encodeURIComponent(id)}/clear`);
}

/** The address of the display account's event stream. */
export const DISPLAY_STREAM_PATH = '/api/displays/me/stream';
/** The address of the display account's display. */
export const DISPLAY_ME_PATH = '/api/displays/me';

/** A wall view the user may push (name and folder only). */
export interface ViewChoice {
  id: string;
  name: string;
  folder: string;
}

/** The wall views the user sees (`/api/views`), to push one. */
export async function listViewChoices(signal?: AbortSignal): Promise<ViewChoice[]> {
  const body = await apiRequest<{ views: ViewChoice[] }>('GET', '/api/views', { signal });
  return body.views.map(({ id, name, folder }) => ({ id, name, folder }));
}
