/**
 * The principal: who is making a request, as the access check sees them. Built by the accounts
 * module from a valid session (`sessions.resolve`), with what their role and agency hold loaded
 * at that moment (`loadPrincipalAccess`); carried on the HTTP context.
 */
import type { AgencyRights } from './agreement-rules.ts';
import type { Permission } from './permissions.ts';

/** An authenticated person. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  /** Built-in (`operator`, ...) or custom role name. */
  role: string;
  agencyId: string;
  /** `owner`: the agency that runs the system; `partner`: one that reaches it by agreement. */
  agencyKind: 'owner' | 'partner';
  /** What the role and the agency hold, as of when the principal was resolved. */
  access: PrincipalAccess;
}

/** What a principal holds. */
export interface PrincipalAccess {
  /** The role's permissions. */
  readonly permissions: ReadonlySet<Permission>;
  /** How far back playback and export may reach, ms; null for no limit. */
  readonly playbackLookbackMs: number | null;
  /** The agency's rights on cameras at `atMs` (groups already expanded into cameras). */
  readonly rights: AgencyRights;
  /** When this was loaded, UTC ms. */
  readonly atMs: number;
  /**
   * Set when the principal is a wall display's account (module `displays`): its access is then
   * only what is pushed to that display, whatever its role holds, and it may call only the
   * routes a display needs.
   */
  readonly display?: { readonly id: string; readonly name: string };
  /**
   * Set when the principal is an API token acting as its account (accounts' `api-tokens.ts`):
   * `permissions` are then the account's narrowed to the token's scope, and every request is
   * audited with the token's name.
   */
  readonly token?: { readonly id: string; readonly name: string };
}

/** Who to load access for. */
export interface AccessSubject {
  /** The account, when known (a wall display's access is derived from what is pushed to it). */
  userId?: string;
  role: string;
  agencyId: string;
  agencyKind: 'owner' | 'partner';
}
