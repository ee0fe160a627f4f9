/**
 * The principal: who is making a request, as the access check sees them. Built by the accounts
 * module from a valid session; carried on the HTTP context.
 */
import type { Role } from './roles.ts';

/** An authenticated person. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  agencyId: string;
  /** `owner`: the agency that runs the system; `partner`: one that reaches it by agreement. */
  agencyKind: 'owner' | 'partner';
}
