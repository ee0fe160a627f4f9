/**
 * The video wall's arrangement, pure: a layout of 1, 4, 9 or 16 tiles, which camera each tile
 * shows, and the preferred transport; kept per user in the browser's localStorage
 * (`vedetta.wall.<userId>`), so that each operator finds their own wall on their workstation.
 */
import type { TransportChoice } from '../live-player/index.ts';

/** Tiles per layout. */
export const LAYOUT_SIZES = [1, 4, 9, 16] as const;

/** A layout: 1, 4, 9 or 16 tiles. */
export type LayoutSize = (typeof LAYOUT_SIZES)[number];

/** The wall: layout, the camera of each tile (null for an empty tile), transport. */
export interface WallState {
  size: LayoutSize;
  tiles: (string | null)[];
  transport: TransportChoice;
}

/** A new user's wall: four empty tiles, automatic transport. */
export const DEFAULT_WALL: WallState = {
  size: 4,
  tiles: [null, null, null, null],
  transport: 'auto',
};

/** True when `n` is a layout size. */
export function isLayoutSize(n: unknown): n is LayoutSize {
  return (LAYOUT_SIZES as readonly unknown[]).includes(n);
}

/** Columns of a layout's square grid. */
export function columnsOf(size: LayoutSize): number {
  return Math.sqrt(size);
}

/** Changes the layout, keeping the cameras of the first tiles. */
export function resize(wall: WallState, size: LayoutSize): WallState {
  const tiles = Array.from({ length: size }, (_, i) => wall.tiles[i] ?? null);
  return { ...wall, size, tiles };
}

/** Puts a camera on a tile; a camera already on another tile moves there. */
export function assign(wall: WallState, index: number, cameraId: string): WallState {
  if (index < 0 || index >= wall.size) return wall;
  const tiles = wall.tiles.map((id) => (id === cameraId ? null : id));
  tiles[index] = cameraId;
  return { ...wall, tiles };
}

/** Empties a tile. */
export function clearTile(wall: WallState, index: number): WallState {
  const tiles = wall.tiles.slice();
  if (index >= 0 && index < tiles.length) tiles[index] = null;
  return { ...wall, tiles };
}

/** The first empty tile, or -1. */
export function firstEmpty(wall: WallState): number {
  return wall.tiles.indexOf(null);
}

function storageKey(userId: string): string {
  return `vedetta.wall.${userId}`;
}

/** Reads a user's saved wall; anything unreadable gives the default wall. */
export function loadWall(storage: Pick<Storage, 'getItem'>, userId: string): WallState {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(storageKey(userId)) ?? 'null');
  } catch {
    return DEFAULT_WALL;
  }
  if (typeof raw !== 'object' || raw === null) return DEFAULT_WALL;
  const r = raw as { size?: unknown; tiles?: unknown; transport?: unknown };
  if (!isLayoutSize(r.size)) return DEFAULT_WALL;
  const tiles = Array.isArray(r.tiles) ? r.tiles : [];
  const transport =
    r.transport === 'webrtc' || r.transport === 'mse' || r.transport === 'auto'
      ? r.transport
      : 'auto';
  return {
    size: r.size,
    tiles: Array.from({ length: r.size }, (_, i) => {
      const id: unknown = tiles[i];
      return typeof id === 'string' && id !== '' ? id : null;
    }),
    transport,
  };
}

/** Saves a user's wall. */
export function saveWall(storage: Pick<Storage, 'setItem'>, userId: string, wall: WallState): void {
  try {
    storage.setItem(storageKey(userId), JSON.stringify(wall));
  } catch {
    // A full or disabled storage only loses the layout, not the live view.
  }
}

/** Keeps only cameras that (still) exist; a removed or forbidden camera leaves an empty tile. */
export function withKnownCameras(wall: WallState, known: ReadonlySet<string>): WallState {
  return { ...wall, tiles: wall.tiles.map((id) => (id !== null && known.has(id) ? id : null)) };
}
