/**
 * Who is acting, as the hold and privacy services need it: the principal (for the access check
 * and the audit trail) and the address the request came from.
 */
import type { Principal } from '../permissions/index.ts';
import type { AuditPrincipal } from '../audit/index.ts';

/** The person acting and where from. */
export interface Actor {
  principal: Principal;
  /** Client address, or null when not over the network (CLI). */
  address: string | null;
}

/** The audit trail's view of an actor. */
export function auditPrincipalOf(actor: Actor): AuditPrincipal {
  const p = actor.principal;
  return { userId: p.userId, username: p.username, agencyId: p.agencyId };
}
