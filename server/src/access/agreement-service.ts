/**
 * Agreements: the owner agency grants another agency a set of cameras (by camera or group) with a
 * set of permissions, citing the legal instrument, for a validity period. Agreements can be
 * changed, suspended, resumed and revoked (final). Every change is audited and notifies access
 * subscribers at once, so that open streams of the agency close.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../app/index.ts';
import { failedPrecondition, invalidArgument, notFound } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import { agencyExists, ownerAgencyId, type AccountsDb } from '../accounts/index.ts';
import { registeredCameraIds, registeredGroupIds, type CamerasDb } from '../cameras/index.ts';
import type { AccessDb, AgreementRow } from './tables.ts';
import type { AccessEvents, AccessChangeReason } from './access-events.ts';
import type { Actor } from '../permissions/index.ts';
import {
  agreementInForce,
  type AgreementStatus,
  checkAgreementInput,
  type AgreementInput,
  type AgreementTermsInput,
  CAMERA_PERMISSIONS,
  type CameraPermission,
} from '../permissions/index.ts';

export type { AgreementInput } from '../permissions/index.ts';

/** An agreement as the API shows it. */
export interface AgreementView {
  id: string;
  grantorAgencyId: string;
  granteeAgencyId: string;
  title: string;
  legalInstrument: string;
  legalInstrumentDate: string;
  validFromMs: number;
  validUntilMs: number | null;
  status: AgreementStatus;
  statusReason: string;
  /** True when it gives rights now (active and inside its validity period). */
  inForce: boolean;
  permissions: CameraPermission[];
  cameraIds: string[];
  groupIds: string[];
  createdBy: string;
  createdMs: number;
  updatedMs: number;
}

/** Manages agreements. */
export interface AgreementService {
  list(filter?: { granteeAgencyId?: string | undefined }): Promise<AgreementView[]>;
  get(id: string): Promise<AgreementView>;
  create(actor: Actor, input: AgreementInput): Promise<AgreementView>;
  /** Replaces the terms (not the status); refused once revoked. */
  update(actor: Actor, id: string, input: AgreementInput): Promise<AgreementView>;
  suspend(actor: Actor, id: string, reason: string): Promise<AgreementView>;
  resume(actor: Actor, id: string): Promise<AgreementView>;
  revoke(actor: Actor, id: string, reason: string): Promise<AgreementView>;
}

/** Creates the agreement service. */
export function createAgreementService(deps: {
  db: AccessDb;
  /** The accounts' handle (the same database): the owner agency, whether the grantee exists. */
  accountsDb: AccountsDb;
  /** The cameras' handle (the same database): whether the cameras and groups granted exist. */
  camerasDb: CamerasDb;
  clock: Clock;
  audit: AuditRecorder;
  events: AccessEvents;
}): AgreementService {
  const { db, accountsDb, camerasDb, clock, audit, events } = deps;

  async function views(rows: AgreementRow[]): Promise<AgreementView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [perms, cams, groups] = await Promise.all([
      db.selectFrom('agreement_permissions').selectAll().where('agreement_id', 'in', ids).execute(),
      db.selectFrom('agreement_cameras').selectAll().where('agreement_id', 'in', ids).execute(),
      db.selectFrom('agreement_groups').selectAll().where('agreement_id', 'in', ids).execute(),
    ]);
    const now = clock.nowMs();
    return rows.map((r) => {
      const permissions = CAMERA_PERMISSIONS.filter((p) =>
        perms.some((x) => x.agreement_id === r.id && x.permission === p),
      );
      const v = {
        id: r.id,
        grantorAgencyId: r.grantor_agency_id,
        granteeAgencyId: r.grantee_agency_id,
        title: r.title,
        legalInstrument: r.legal_instrument,
        legalInstrumentDate: r.legal_instrument_date,
        validFromMs: Number(r.valid_from_ms),
        validUntilMs: r.valid_until_ms === null ? null : Number(r.valid_until_ms),
        status: r.status,
        statusReason: r.status_reason,
        permissions,
        cameraIds: cams
          .filter((c) => c.agreement_id === r.id)
          .map((c) => c.camera_id)
          .sort(),
        groupIds: groups
          .filter((g) => g.agreement_id === r.id)
          .map((g) => g.group_id)
          .sort(),
        createdBy: r.created_by,
        createdMs: Number(r.created_ms),
        updatedMs: Number(r.updated_ms),
      };
      return { ...v, inForce: agreementInForce(v, now) };
    });
  }

  async function get(id: string): Promise<AgreementView> {
    const row = await db
      .selectFrom('agreements')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    const [v] = row ? await views([row]) : [];
    if (!v) throw notFound(`agreement ${id}`);
    return v;
  }

  async function checkReferences(t: AgreementTermsInput, owner: string): Promise<void> {
    if (!(await agencyExists(accountsDb, t.granteeAgencyId)))
      throw invalidArgument(`granteeAgencyId: agency ${t.granteeAgencyId} does not exist`);
    if (t.granteeAgencyId === owner)
      throw invalidArgument('granteeAgencyId: the owner agency already holds its cameras');
    const missing = async (
      registered: (db: CamerasDb, ids: readonly string[]) => Promise<string[]>,
      ids: string[],
    ) => {
      if (ids.length === 0) return [];
      const have = new Set(await registered(camerasDb, ids));
      return ids.filter((id) => !have.has(id));
    };
    const noCams = await missing(registeredCameraIds, t.cameraIds);
    if (noCams.length > 0) throw invalidArgument(`cameraIds: unknown cameras ${noCams.join(', ')}`);
    const noGroups = await missing(registeredGroupIds, t.groupIds);
    if (noGroups.length > 0)
      throw invalidArgument(`groupIds: unknown groups ${noGroups.join(', ')}`);
  }

  async function writeScope(tx: AccessDb, id: string, t: AgreementTermsInput): Promise<void> {
    await tx.deleteFrom('agreement_permissions').where('agreement_id', '=', id).execute();
    await tx.deleteFrom('agreement_cameras').where('agreement_id', '=', id).execute();
    await tx.deleteFrom('agreement_groups').where('agreement_id', '=', id).execute();
    await tx
      .insertInto('agreement_permissions')
      .values(t.permissions.map((permission) => ({ agreement_id: id, permission })))
      .execute();
    if (t.cameraIds.length > 0) {
      await tx
        .insertInto('agreement_cameras')
        .values(t.cameraIds.map((camera_id) => ({ agreement_id: id, camera_id })))
        .execute();
    }
    if (t.groupIds.length > 0) {
      await tx
        .insertInto('agreement_groups')
        .values(t.groupIds.map((group_id) => ({ agreement_id: id, group_id })))
        .execute();
    }
  }

  async function changed(
    actor: Actor,
    action: string,
    v: AgreementView,
    reason: AccessChangeReason,
    statusReason?: string,
  ): Promise<AgreementView> {
    await audit.record({
      action,
      outcome: 'granted',
      principal: actor.principal,
      sourceAddress: actor.sourceAddress,
      resource: `agreement:${v.id}`,
      reason: statusReason ?? null,
      details: {
        granteeAgencyId: v.granteeAgencyId,
        legalInstrument: v.legalInstrument,
        legalInstrumentDate: v.legalInstrumentDate,
        validFromMs: v.validFromMs,
        validUntilMs: v.validUntilMs,
        status: v.status,
        permissions: v.permissions,
        cameraIds: v.cameraIds,
        groupIds: v.groupIds,
      },
    });
    events.emit({ reason, agreementId: v.id, agencyId: v.granteeAgencyId, atMs: clock.nowMs() });
    return v;
  }

  async function setStatus(
    actor: Actor,
    id: string,
    status: AgreementStatus,
    statusReason: string,
    allowedFrom: AgreementStatus[],
  ): Promise<AgreementView> {
    const current = await get(id);
    if (!allowedFrom.includes(current.status)) {
      throw failedPrecondition(`agreement ${id} is ${current.status}`);
    }
    await db
      .updateTable('agreements')
      .set({ status, status_reason: statusReason, updated_ms: clock.nowMs() })
      .where('id', '=', id)
      .execute();
    return get(id);
  }

  const needReason = (reason: string): string => {
    const r = reason.trim();
    if (r.length < 3 || r.length > 500)
      throw invalidArgument('reason: required, 3 to 500 characters');
    return r;
  };

  return {
    async list(filter = {}) {
      let q = db.selectFrom('agreements').selectAll().orderBy('created_ms', 'desc').orderBy('id');
      if (filter.granteeAgencyId !== undefined)
        q = q.where('grantee_agency_id', '=', filter.granteeAgencyId);
      return views(await q.execute());
    },
    get,
    async create(actor, input) {
      const t = checkAgreementInput(input);
      const owner = await ownerAgencyId(accountsDb);
      await checkReferences(t, owner);
      const id = randomUUID();
      const now = clock.nowMs();
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('agreements')
          .values({
            id,
            grantor_agency_id: owner,
            grantee_agency_id: t.granteeAgencyId,
            title: t.title,
            legal_instrument: t.legalInstrument,
            legal_instrument_date: t.legalInstrumentDate,
            valid_from_ms: t.validFromMs,
            valid_until_ms: t.validUntilMs,
            status: 'active',
            status_reason: '',
            created_by: actor.principal.userId,
            created_ms: now,
            updated_ms: now,
          })
          .execute();
        await writeScope(tx, id, t);
      });
      return changed(actor, 'agreement.create', await get(id), 'agreement_changed');
    },
    async update(actor, id, input) {
      const current = await get(id);
      if (current.status === 'revoked') throw failedPrecondition(`agreement ${id} is revoked`);
      const t = checkAgreementInput(input);
      if (t.granteeAgencyId !== current.granteeAgencyId) {
        throw invalidArgument('granteeAgencyId: cannot change; revoke and create a new agreement');
      }
      await checkReferences(t, current.grantorAgencyId);
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('agreements')
          .set({
            title: t.title,
            legal_instrument: t.legalInstrument,
            legal_instrument_date: t.legalInstrumentDate,
            valid_from_ms: t.validFromMs,
            valid_until_ms: t.validUntilMs,
            updated_ms: clock.nowMs(),
          })
          .where('id', '=', id)
          .execute();
        await writeScope(tx, id, t);
      });
      return changed(actor, 'agreement.update', await get(id), 'agreement_changed');
    },
    async suspend(actor, id, reason) {
      const r = needReason(reason);
      const v = await setStatus(actor, id, 'suspended', r, ['active']);
      return changed(actor, 'agreement.suspend', v, 'agreement_suspended', r);
    },
    async resume(actor, id) {
      const v = await setStatus(actor, id, 'active', '', ['suspended']);
      return changed(actor, 'agreement.resume', v, 'agreement_changed');
    },
    async revoke(actor, id, reason) {
      const r = needReason(reason);
      const v = await setStatus(actor, id, 'revoked', r, ['active', 'suspended']);
      return changed(actor, 'agreement.revoke', v, 'agreement_revoked', r);
    },
  };
}
