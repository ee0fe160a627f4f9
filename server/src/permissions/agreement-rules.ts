/**
 * Agreements and what an agency holds on each camera. The owner agency holds every camera
 * permission on every camera. Another agency holds, on a camera, the union of the permissions of
 * its agreements that are in force — status `active` and inside their validity period — and that
 * name the camera or one of its groups. Pure: time is a parameter.
 */
import type { CameraPermission } from './permissions.ts';
import { CAMERA_PERMISSIONS } from './permissions.ts';

/** Where an agreement stands. Suspended can be resumed; revoked is final. */
export type AgreementStatus = 'active' | 'suspended' | 'revoked';

/** The parts of an agreement that decide access. */
export interface AgreementTerms {
  readonly id: string;
  /** The agency that grants (the owner of the cameras). */
  readonly grantorAgencyId: string;
  /** The agency that receives the rights. */
  readonly granteeAgencyId: string;
  readonly permissions: ReadonlySet<CameraPermission>;
  /** Cameras named one by one. */
  readonly cameraIds: ReadonlySet<string>;
  /** Camera groups: every camera in them, now and later. */
  readonly groupIds: ReadonlySet<string>;
  /** First instant of validity, UTC ms (inclusive). */
  readonly validFromMs: number;
  /** End of validity, UTC ms (exclusive); null for open-ended. */
  readonly validUntilMs: number | null;
  readonly status: AgreementStatus;
}

/** True when the agreement gives rights at `nowMs`. */
export function agreementInForce(
  a: Pick<AgreementTerms, 'status' | 'validFromMs' | 'validUntilMs'>,
  nowMs: number,
): boolean {
  return (
    a.status === 'active' &&
    a.validFromMs <= nowMs &&
    (a.validUntilMs === null || nowMs < a.validUntilMs)
  );
}

/** A camera as the access check sees it: its id and the groups it belongs to. */
export interface CameraRef {
  readonly id: string;
  readonly groupIds: readonly string[];
}

/** What one agency holds, precomputed once per request for any number of cameras. */
export interface AgencyRights {
  readonly agencyId: string;
  /** True for the owner agency: every camera permission on every camera. */
  readonly ownsAll: boolean;
  readonly byCamera: ReadonlyMap<string, ReadonlySet<CameraPermission>>;
  readonly byGroup: ReadonlyMap<string, ReadonlySet<CameraPermission>>;
}

const ALL_CAMERA = new Set<CameraPermission>(CAMERA_PERMISSIONS);
const NONE = new Set<CameraPermission>();

function add(
  map: Map<string, Set<CameraPermission>>,
  key: string,
  perms: ReadonlySet<CameraPermission>,
): void {
  const set = map.get(key) ?? new Set<CameraPermission>();
  for (const p of perms) set.add(p);
  map.set(key, set);
}

/**
 * The rights of `agencyId` at `nowMs`. `ownerAgencyId` is the agency that owns the cameras: it
 * holds everything, and only agreements it granted count.
 */
export function agencyRights(
  agencyId: string,
  ownerAgencyId: string,
  agreements: readonly AgreementTerms[],
  nowMs: number,
): AgencyRights {
  const byCamera = new Map<string, Set<CameraPermission>>();
  const byGroup = new Map<string, Set<CameraPermission>>();
  const ownsAll = agencyId === ownerAgencyId;
  if (!ownsAll) {
    for (const a of agreements) {
      if (a.granteeAgencyId !== agencyId || a.grantorAgencyId !== ownerAgencyId) continue;
      if (!agreementInForce(a, nowMs)) continue;
      for (const id of a.cameraIds) add(byCamera, id, a.permissions);
      for (const id of a.groupIds) add(byGroup, id, a.permissions);
    }
  }
  return { agencyId, ownsAll, byCamera, byGroup };
}

/** The camera permissions an agency holds on one camera. */
export function rightsOnCamera(r: AgencyRights, camera: CameraRef): ReadonlySet<CameraPermission> {
  if (r.ownsAll) return ALL_CAMERA;
  const direct = r.byCamera.get(camera.id);
  let out: Set<CameraPermission> | undefined;
  for (const g of camera.groupIds) {
    const viaGroup = r.byGroup.get(g);
    if (!viaGroup) continue;
    out ??= new Set(direct);
    for (const p of viaGroup) out.add(p);
  }
  return out ?? direct ?? NONE;
}

/**
 * The next instant after `nowMs` at which some agreement starts or ends, or null. Open streams
 * are re-checked then, so that an expiring agreement closes them on time.
 */
export function nextValidityBoundary(
  agreements: readonly Pick<AgreementTerms, 'status' | 'validFromMs' | 'validUntilMs'>[],
  nowMs: number,
): number | null {
  let next: number | null = null;
  for (const a of agreements) {
    if (a.status !== 'active') continue;
    for (const t of [a.validFromMs, a.validUntilMs]) {
      if (t !== null && t > nowMs && (next === null || t < next)) next = t;
    }
  }
  return next;
}
