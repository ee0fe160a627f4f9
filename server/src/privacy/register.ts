/**
 * The camera register: for each camera, what the Garante asks to be documented — location,
 * purpose, legal basis, signage (status, date, photo reference), field-of-view notes, retention
 * and its justification. The registry (`cameras`) holds most of it; `camera_register` holds the
 * rest. Changes need `camera.manage` and are audited (`camera.update`). An entry also warns
 * when the camera may send its password in clear (Basic over plain RTSP allowed).
 */
import { z } from '@hono/zod-openapi';
import { authorize } from '../permissions/index.ts';
import type { Clock } from '../app/index.ts';
import { invalidArgument, notFound, describeIssues, issuesText } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import { cameraRegisterFields } from '../cameras/index.ts';
import type { CamerasDb } from '../cameras/index.ts';
import type { PrivacyDb } from './tables.ts';
import type { Actor } from '../permissions/index.ts';
import { auditPrincipalOf } from '../audit/index.ts';
import { defaultLegalBasis } from './legal-basis.ts';

/** A camera's field of view: where it looks, how wide, how far (the map's wedge). */
export const fieldOfViewSchema = z
  .strictObject({
    directionDeg: z.number().min(0).lt(360).openapi({ description: '0 north, 90 east' }),
    angleDeg: z.number().gt(0).max(360),
    rangeM: z.number().gt(0).max(5000),
  })
  .openapi('FieldOfView');

/** The register fields a client may change (`PATCH /api/register/{id}`). */
export const registerPatchSchema = z
  .strictObject({
    legalBasis: z.string().trim().max(1000).optional(),
    signagePhotoRef: z.string().trim().min(1).max(500).nullable().optional(),
    fieldOfViewNotes: z.string().trim().max(2000).optional(),
    fieldOfView: fieldOfViewSchema.nullable().optional(),
  })
  .openapi('RegisterPatch');

/** A field of view. */
export type FieldOfView = z.output<typeof fieldOfViewSchema>;

/** The field of view of a register row; null when not stated (or no row). */
function fieldOfViewOf(
  r:
    | {
        view_direction_deg: number | null;
        view_angle_deg: number | null;
        view_range_m: number | null;
      }
    | undefined,
): FieldOfView | null {
  if (r === undefined || r.view_direction_deg === null || r.view_angle_deg === null) return null;
  if (r.view_range_m === null) return null;
  return { directionDeg: r.view_direction_deg, angleDeg: r.view_angle_deg, rangeM: r.view_range_m };
}

/** The register row's columns of a field of view (all null for none). */
function viewColumns(v: FieldOfView | null) {
  return {
    view_direction_deg: v?.directionDeg ?? null,
    view_angle_deg: v?.angleDeg ?? null,
    view_range_m: v?.rangeM ?? null,
  };
}

/** One camera's register entry. */
export const registerEntrySchema = z
  .object({
    cameraId: z.string(),
    name: z.string(),
    enabled: z.boolean(),
    location: z.object({
      latitude: z.number(),
      longitude: z.number(),
      address: z.string(),
      district: z.string(),
    }),
    purpose: z.string(),
    legalBasis: z.string(),
    /** True when the register states no basis and the purpose's usual one is shown. */
    legalBasisIsDefault: z.boolean(),
    signage: z.object({
      status: z.enum(['placed', 'planned', 'missing']),
      placedOn: z.string().nullable(),
      photoRef: z.string().nullable(),
    }),
    fieldOfViewNotes: z.string(),
    fieldOfView: fieldOfViewSchema.nullable(),
    retentionDays: z.number(),
    retentionJustification: z.string().nullable(),
    /**
     * True when the camera may send its credentials with Basic over plain rtsp:// (in clear on
     * the network): a security warning shown with the entry and in the compliance report.
     */
    basicOverPlainRtspAllowed: z.boolean().openapi({
      description:
        'Warning: the camera may send its password in clear (Basic authentication over plain rtsp://).',
    }),
    /** What the device said it is (ONVIF GetDeviceInformation when added from a probe). */
    device: z
      .object({
        manufacturer: z.string().nullable(),
        model: z.string().nullable(),
        firmware: z.string().nullable(),
        serial: z.string().nullable(),
      })
      .openapi({ description: 'Maker, model, firmware and serial number; null where unknown.' }),
    updatedMs: z.number().nullable(),
  })
  .openapi('RegisterEntry');

/** A register entry. */
export type RegisterEntry = z.output<typeof registerEntrySchema>;

/** Reads and completes the register. */
export interface RegisterService {
  /** Every camera's entry, ordered by camera id. */
  list(): Promise<RegisterEntry[]>;
  /** One entry; throws `not_found`. */
  get(cameraId: string): Promise<RegisterEntry>;
  /** Changes the register fields; needs `camera.manage`; audited. */
  update(actor: Actor, cameraId: string, input: unknown): Promise<RegisterEntry>;
}

/** Creates the register service. */
export function createRegisterService(deps: {
  db: PrivacyDb;
  /** The camera registry's tables: most of an entry is the camera's registry fields. */
  camerasDb: CamerasDb;
  clock: Clock;
  audit: AuditRecorder;
}): RegisterService {
  const { db, clock, audit } = deps;

  async function read(cameraId?: string): Promise<RegisterEntry[]> {
    // Each camera of the registry (ordered by id), with its register row when it has one.
    const cameras = await cameraRegisterFields(deps.camerasDb, cameraId);
    let q = db
      .selectFrom('camera_register')
      .select([
        'camera_id',
        'legal_basis',
        'signage_photo_ref',
        'field_of_view_notes',
        'view_direction_deg',
        'view_angle_deg',
        'view_range_m',
        'updated_ms',
      ]);
    if (cameraId !== undefined) q = q.where('camera_id', '=', cameraId);
    const registered = new Map((await q.execute()).map((r) => [r.camera_id, r]));
    return cameras.map((c) => {
      const r = registered.get(c.id);
      const stated = (r?.legal_basis ?? '').trim();
      return {
        cameraId: c.id,
        name: c.name,
        enabled: c.enabled === 1,
        location: {
          latitude: c.latitude,
          longitude: c.longitude,
          address: c.address,
          district: c.district,
        },
        purpose: c.purpose,
        legalBasis: stated === '' ? defaultLegalBasis(c.purpose) : stated,
        legalBasisIsDefault: stated === '',
        signage: {
          status: c.signage_status,
          placedOn: c.signage_placed_on,
          photoRef: r?.signage_photo_ref ?? null,
        },
        fieldOfViewNotes: r?.field_of_view_notes ?? '',
        fieldOfView: fieldOfViewOf(r),
        retentionDays: c.retention_days,
        retentionJustification: c.retention_justification,
        basicOverPlainRtspAllowed: c.allow_basic_over_plain_rtsp === 1,
        device: {
          manufacturer: c.device_manufacturer,
          model: c.device_model,
          firmware: c.device_firmware,
          serial: c.device_serial,
        },
        updatedMs: r?.updated_ms ?? null,
      };
    });
  }

  const service: RegisterService = {
    list: () => read(),

    async get(cameraId) {
      const [entry] = await read(cameraId);
      if (!entry) throw notFound(`camera ${cameraId}`);
      return entry;
    },

    async update(actor, cameraId, input) {
      authorize(actor.principal, 'camera.manage', { kind: 'camera', id: cameraId });
      const parsed = registerPatchSchema.safeParse(input);
      if (!parsed.success) {
        const issues = describeIssues(parsed.error.issues);
        throw invalidArgument(`invalid register entry: ${issuesText(issues)}`, { issues });
      }
      const change = parsed.data;
      const before = await service.get(cameraId);
      const current = await db
        .selectFrom('camera_register')
        .selectAll()
        .where('camera_id', '=', cameraId)
        .executeTakeFirst();
      const row = {
        legal_basis: change.legalBasis ?? current?.legal_basis ?? '',
        signage_photo_ref:
          change.signagePhotoRef !== undefined
            ? change.signagePhotoRef
            : (current?.signage_photo_ref ?? null),
        field_of_view_notes: change.fieldOfViewNotes ?? current?.field_of_view_notes ?? '',
        ...viewColumns(
          change.fieldOfView !== undefined ? change.fieldOfView : fieldOfViewOf(current),
        ),
        updated_ms: clock.nowMs(),
        updated_by: actor.principal.userId,
      };
      if (current) {
        await db
          .updateTable('camera_register')
          .set(row)
          .where('camera_id', '=', cameraId)
          .execute();
      } else {
        await db
          .insertInto('camera_register')
          .values({ camera_id: cameraId, ...row })
          .execute();
      }
      const after = await service.get(cameraId);
      await audit.record({
        action: 'camera.update',
        outcome: 'granted',
        principal: auditPrincipalOf(actor),
        sourceAddress: actor.sourceAddress,
        cameraId,
        resource: `camera:${cameraId}/register`,
        details: {
          before: {
            legalBasis: before.legalBasisIsDefault ? '' : before.legalBasis,
            signagePhotoRef: before.signage.photoRef,
            fieldOfViewNotes: before.fieldOfViewNotes,
            fieldOfView: before.fieldOfView,
          },
          after: {
            legalBasis: row.legal_basis,
            signagePhotoRef: row.signage_photo_ref,
            fieldOfViewNotes: row.field_of_view_notes,
            fieldOfView: after.fieldOfView,
          },
        },
      });
      return after;
    },
  };
  return service;
}
