/**
 * Who may see and change a bookmark. Seeing it takes `playback.view` on every one of its cameras
 * at its time (the playback look-back limit applies). Making one, or changing or deleting one's
 * own, takes `bookmark.manage` on every camera as well; changing or deleting another's takes
 * `bookmark.supervise` and the same agency as its author. Every check goes through `authorize`,
 * so refusals are audited by the HTTP kit's denial middleware.
 */
import { AccessDenied, authorize, isAllowed, type Principal } from '../permissions/index.ts';

/** What of a bookmark decides access. */
export interface BookmarkScope {
  readonly cameraIds: readonly string[];
  readonly fromMs: number;
  readonly authorId?: string | undefined;
  readonly agencyId?: string | undefined;
  /** The bookmark's id, named in a refusal. */
  readonly id?: string | undefined;
}

/** True when the principal may see the bookmark (play back every camera at its time). */
export function maySee(p: Principal, b: BookmarkScope): boolean {
  return (
    b.cameraIds.length > 0 &&
    b.cameraIds.every((id) =>
      isAllowed(p, 'playback.view', { kind: 'camera', id, fromMs: b.fromMs }),
    )
  );
}

/** True when the principal may change or delete the bookmark (it must be visible to them). */
export function mayEdit(p: Principal, b: Required<Omit<BookmarkScope, 'id'>>): boolean {
  const manage = b.cameraIds.every((id) => isAllowed(p, 'bookmark.manage', { kind: 'camera', id }));
  if (!manage) return false;
  if (b.authorId === p.userId) return true;
  return b.agencyId === p.agencyId && isAllowed(p, 'bookmark.supervise');
}

/** Throws `AccessDenied` unless the principal may mark these cameras at this time. */
export function authorizeMarking(p: Principal, b: BookmarkScope): void {
  for (const id of b.cameraIds) {
    authorize(p, 'playback.view', { kind: 'camera', id, fromMs: b.fromMs });
    authorize(p, 'bookmark.manage', { kind: 'camera', id });
  }
}

/** Throws `AccessDenied` unless the principal may change or delete a bookmark it can see. */
export function authorizeEditing(p: Principal, b: Required<BookmarkScope>): void {
  authorizeMarking(p, b);
  if (b.authorId === p.userId) return;
  authorize(p, 'bookmark.supervise');
  if (b.agencyId !== p.agencyId) {
    // A supervisor reaches the bookmarks of their own agency only.
    throw new AccessDenied({
      required: ['bookmark.supervise'],
      cameraId: null,
      resource: `bookmark:${b.id}`,
      fromMs: null,
      reason: 'agency_lacks_right',
    });
  }
}
