/**
 * What the recordings page does with an address `#/recordings/<cam,cam>@<ISO>` (a bookmark's
 * link): which of its cameras it opens — only those the user may play back, at most as many as
 * the page plays together — and which it leaves out. Pure.
 */

/** The cameras a link opens, and the ones it names that the user may not play back here. */
export interface LinkCameras {
  shown: string[];
  unavailable: string[];
}

/**
 * Splits the link's cameras into those to open (playable, in the link's order, at most `max`)
 * and those left out. `playable` is null while the camera list is loading: all are kept for now.
 */
export function camerasOfLink(
  ids: readonly string[],
  playable: ReadonlySet<string> | null,
  max: number,
): LinkCameras {
  const unique = [...new Set(ids)];
  const allowed = playable === null ? unique : unique.filter((id) => playable.has(id));
  const shown = allowed.slice(0, max);
  return { shown, unavailable: unique.filter((id) => !shown.includes(id)) };
}
