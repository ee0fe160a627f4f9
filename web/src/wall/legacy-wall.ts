/**
 * The wall as earlier versions kept it in the browser's localStorage (`vedetta.wall.<userId>`:
 * 1, 4, 9 or 16 tiles, a camera per tile, the transport): read once, to move it into a personal
 * view on the server, then removed. The transport choice stays in localStorage
 * (`vedetta.wall.transport.<userId>`): it belongs to the workstation, not to a view.
 */
import type { TransportChoice } from '../live-player/index.ts';
import type { WallView } from './wall-view-model.ts';

const legacyKey = (userId: string) => `vedetta.wall.${userId}`;
const transportKey = (userId: string) => `vedetta.wall.transport.${userId}`;

/** A layout kept by earlier versions, as a view, and its transport; null when none or unreadable. */
export function readLegacyWall(
  storage: Pick<Storage, 'getItem'>,
  userId: string,
): { view: WallView; transport: TransportChoice } | null {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(legacyKey(userId)) ?? 'null');
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { size?: unknown; tiles?: unknown; transport?: unknown };
  if (r.size !== 1 && r.size !== 4 && r.size !== 9 && r.size !== 16) return null;
  const tiles: unknown[] = Array.isArray(r.tiles) ? r.tiles : [];
  const places = Array.from({ length: r.size }, (_, i) => {
    const id = tiles[i];
    return {
      cameraId: typeof id === 'string' && id !== '' ? id : null,
      stream: 'sub' as const,
      tour: null,
    };
  });
  return {
    view: { layout: String(r.size) as WallView['layout'], places, tour: null },
    transport: parseTransport(r.transport),
  };
}

/** Forgets the layout kept by earlier versions (once it is a view on the server). */
export function removeLegacyWall(storage: Pick<Storage, 'removeItem'>, userId: string): void {
  try {
    storage.removeItem(legacyKey(userId));
  } catch {
    // Nothing to forget.
  }
}

function parseTransport(value: unknown): TransportChoice {
  return value === 'webrtc' || value === 'mse' || value === 'auto' ? value : 'auto';
}

/** The workstation's transport choice (automatic when none). */
export function loadTransport(storage: Pick<Storage, 'getItem'>, userId: string): TransportChoice {
  try {
    return parseTransport(storage.getItem(transportKey(userId)));
  } catch {
    return 'auto';
  }
}

/** Saves the workstation's transport choice. */
export function saveTransport(
  storage: Pick<Storage, 'setItem'>,
  userId: string,
  transport: TransportChoice,
): void {
  try {
    storage.setItem(transportKey(userId), transport);
  } catch {
    // A full or disabled storage only loses the choice.
  }
}
