/**
 * The principal: who is making a request, as the access check sees them. Built by the accounts
 * module from a valid session (`sessions.resolve`), with what their role and agency hold loaded
 * at that moment (`loadPrincipalAccess`); carried on the HTTP context.
 */
import type { PrincipalAccess } from './principal-access.ts';

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
