/**
 * Agencies as administrators manage them: listing (a partner's user sees only their own agency),
 * adding a partner agency, renaming. Changes are audited.
 */
import type { Clock } from '../app/index.ts';
import { invalidArgument } from '../app/index.ts';
import type { Agency, AgencyService } from '../accounts/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { Actor, Grant } from '../permissions/index.ts';

/** Administrative operations on agencies. */
export interface AgencyAdmin {
  list(actor: Actor, grant: Grant): Promise<Agency[]>;
  create(actor: Actor, input: { id: string; name: string }): Promise<Agency>;
  rename(actor: Actor, id: string, name: string): Promise<Agency>;
}

/** Creates the agency administration. */
export function createAgencyAdmin(deps: {
  clock: Clock;
  audit: AuditRecorder;
  agencies: AgencyService;
}): AgencyAdmin {
  const { audit, agencies } = deps;
  const record = (actor: Actor, action: string, a: Agency) =>
    audit.record({
      action,
      outcome: 'granted',
      principal: actor.principal,
      sourceAddress: actor.sourceAddress,
      resource: `agency:${a.id}`,
      details: { name: a.name, kind: a.kind },
    });
  return {
    async list(actor, grant) {
      const all = await agencies.list();
      return grant.scope === 'installation'
        ? all
        : all.filter((a) => a.id === actor.principal.agencyId);
    },
    async create(actor, input) {
      const a = await agencies.addPartner(input);
      await record(actor, 'agency.create', a);
      return a;
    },
    async rename(actor, id, name) {
      const trimmed = name.trim();
      if (trimmed.length < 1 || trimmed.length > 200)
        throw invalidArgument('name: 1 to 200 characters');
      await agencies.setName(id, trimmed);
      const a = await agencies.get(id);
      await record(actor, 'agency.update', a);
      return a;
    },
  };
}
