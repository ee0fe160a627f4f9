/**
 * Who may see and change a view. Using views at all takes `live.view` (the wall). A user sees
 * their own views and those shared with their agency, or with their role within their agency.
 * Saving a shared view takes `view.share`; a shared view of one's agency may be changed or deleted
 * by its owner or by anyone of that agency holding `view.share`; a personal view, by its owner
 * alone. Every check goes through `authorize`, so refusals are audited by the HTTP kit.
 */
import { authorize, isAllowed, type Principal } from '../permissions/index.ts';
import type { StoredView } from './store.ts';

/** What of a view decides access. */
export type ViewScope = Pick<StoredView, 'owner_id' | 'agency_id' | 'sharing' | 'shared_role'>;

/** True when the principal sees the view. */
export function maySee(p: Principal, v: ViewScope): boolean {
  if (v.owner_id === p.userId) return true;
  if (v.agency_id !== p.agencyId) return false;
  return v.sharing === 'agency' || (v.sharing === 'role' && v.shared_role === p.role);
}

/** True when the principal may change or delete the view. */
export function mayEdit(p: Principal, v: ViewScope): boolean {
  if (v.owner_id === p.userId) return true;
  return (
    v.sharing !== 'personal' &&
    v.agency_id === p.agencyId &&
    maySee(p, v) &&
    isAllowed(p, 'view.share')
  );
}

/**
 * Throws `permission_denied` unless the principal may change a view it sees: its own, or one
 * shared within its agency when it holds `view.share` (so `authorize` refuses, audited).
 */
export function authorizeEditing(p: Principal, v: ViewScope): void {
  if (mayEdit(p, v)) return;
  authorize(p, 'view.share');
}

/** Throws `permission_denied` unless the principal may save a view with this sharing. */
export function authorizeSharing(p: Principal, sharing: StoredView['sharing']): void {
  if (sharing !== 'personal') authorize(p, 'view.share');
}
