/**
 * The operator's recent playback reasons, offered by the wall's instant replay: most recent first,
 * at most five, the same reason (ignoring case and surrounding spaces) once. Kept per user in
 * localStorage (`vedetta.replay.reasons.<userId>`) on this workstation.
 */

/** How many reasons are remembered. */
export const MAX_RECENT_REASONS = 5;

/** The storage key of a user's recent reasons. */
export function recentReasonsKey(userId: string): string {
  return `vedetta.replay.reasons.${userId}`;
}

/** The list with `reason` put first (trimmed; an empty reason changes nothing). */
export function addRecentReason(list: readonly string[], reason: string): string[] {
  const r = reason.trim();
  if (r === '') return [...list];
  const same = r.toLocaleLowerCase();
  return [r, ...list.filter((x) => x.trim().toLocaleLowerCase() !== same)].slice(
    0,
    MAX_RECENT_REASONS,
  );
}

/** The user's recent reasons as stored (an unreadable entry counts as none). */
export function loadRecentReasons(storage: Pick<Storage, 'getItem'>, userId: string): string[] {
  try {
    const v: unknown = JSON.parse(storage.getItem(recentReasonsKey(userId)) ?? '[]');
    if (!Array.isArray(v)) return [];
    return v
      .filter((x): x is string => typeof x === 'string' && x.trim() !== '')
      .slice(0, MAX_RECENT_REASONS);
  } catch {
    return [];
  }
}

/** Remembers `reason` as the user's most recent; returns the new list. */
export function rememberReason(
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  userId: string,
  reason: string,
): string[] {
  const list = addRecentReason(loadRecentReasons(storage, userId), reason);
  try {
    storage.setItem(recentReasonsKey(userId), JSON.stringify(list));
  } catch {
    // Storage full or refused: the list is only a convenience.
  }
  return list;
}
