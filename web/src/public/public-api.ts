/**
 * The public page's data: `GET /api/public/cameras` and `GET /api/public/notice`, answered
 * without a session, through the app's one request function. Answers are checked field by field;
 * a malformed one is an error naming the field rather than a half-drawn page.
 */
import { apiRequest } from '../api/index.ts';

/** A camera as the public sees it. */
export interface PublicCamera {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  address: string;
  district: string;
  purpose: 'urban_security' | 'traffic' | 'waste';
  legalBasis: string;
  retentionDays: number;
  signage: { status: 'placed' | 'planned' | 'missing'; placedOn: string | null };
}

/** A contact in the notice. */
export interface NoticeContact {
  name: string;
  address: string;
  email: string;
  phone: string;
  pec: string;
}

/** The privacy notice's data. */
export interface PublicNotice {
  controller: NoticeContact;
  dpo: NoticeContact;
  updatedOn: string | null;
  purposes: {
    purpose: PublicCamera['purpose'];
    legalBases: string[];
    maxRetentionDays: number;
    legalMaxRetentionDays: number | null;
    cameras: number;
  }[];
  authority: { name: string; url: string };
  map: { tileUrl: string | null; attribution: string };
  /**
   * SHA-256 fingerprint of the key that signs evidence packages (64 lowercase hex digits), for
   * recipients to pin; null from a server that does not publish it.
   */
  signingKeyFingerprint: string | null;
}

/** A malformed answer. */
export class PublicDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublicDataError';
  }
}

const PURPOSES = ['urban_security', 'traffic', 'waste'];
const SIGNAGE = ['placed', 'planned', 'missing'];

function record(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new PublicDataError(`${where}: must be an object`);
  }
  return v as Record<string, unknown>;
}
function str(o: Record<string, unknown>, k: string, where: string): string {
  const v = o[k];
  if (typeof v !== 'string') throw new PublicDataError(`${where}.${k}: must be a string`);
  return v;
}
function num(o: Record<string, unknown>, k: string, where: string): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new PublicDataError(`${where}.${k}: must be a number`);
  }
  return v;
}
function oneOf<T extends string>(
  o: Record<string, unknown>,
  k: string,
  allowed: string[],
  where: string,
): T {
  const v = str(o, k, where);
  if (!allowed.includes(v)) throw new PublicDataError(`${where}.${k}: unknown value '${v}'`);
  return v as T;
}

/** Checks a `GET /api/public/cameras` answer. */
export function parsePublicCameras(body: unknown): PublicCamera[] {
  const list = record(body, 'answer')['cameras'];
  if (!Array.isArray(list)) throw new PublicDataError('cameras: must be an array');
  return list.map((item: unknown, i) => {
    const w = `cameras[${i}]`;
    const c = record(item, w);
    const s = record(c['signage'], `${w}.signage`);
    const placedOn = s['placedOn'];
    return {
      id: str(c, 'id', w),
      name: str(c, 'name', w),
      latitude: num(c, 'latitude', w),
      longitude: num(c, 'longitude', w),
      address: str(c, 'address', w),
      district: str(c, 'district', w),
      purpose: oneOf(c, 'purpose', PURPOSES, w),
      legalBasis: str(c, 'legalBasis', w),
      retentionDays: num(c, 'retentionDays', w),
      signage: {
        status: oneOf(s, 'status', SIGNAGE, `${w}.signage`),
        placedOn: typeof placedOn === 'string' ? placedOn : null,
      },
    };
  });
}

function contact(v: unknown, where: string): NoticeContact {
  const c = record(v, where);
  return {
    name: str(c, 'name', where),
    address: str(c, 'address', where),
    email: str(c, 'email', where),
    phone: str(c, 'phone', where),
    pec: str(c, 'pec', where),
  };
}

/** Checks a `GET /api/public/notice` answer. */
export function parsePublicNotice(body: unknown): PublicNotice {
  const n = record(body, 'notice');
  const purposes = n['purposes'];
  if (!Array.isArray(purposes)) throw new PublicDataError('notice.purposes: must be an array');
  const authority = record(n['authority'], 'notice.authority');
  const map = record(n['map'], 'notice.map');
  const tileUrl = map['tileUrl'];
  const updatedOn = n['updatedOn'];
  const fingerprint = n['signingKeyFingerprint'];
  if (
    fingerprint !== undefined &&
    (typeof fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(fingerprint))
  ) {
    throw new PublicDataError('notice.signingKeyFingerprint: must be 64 lowercase hex digits');
  }
  return {
    controller: contact(n['controller'], 'notice.controller'),
    dpo: contact(n['dpo'], 'notice.dpo'),
    updatedOn: typeof updatedOn === 'string' ? updatedOn : null,
    purposes: purposes.map((item: unknown, i) => {
      const w = `notice.purposes[${i}]`;
      const p = record(item, w);
      const bases = p['legalBases'];
      const legalMax = p['legalMaxRetentionDays'];
      return {
        purpose: oneOf(p, 'purpose', PURPOSES, w),
        legalBases: Array.isArray(bases)
          ? bases.filter((b): b is string => typeof b === 'string')
          : [],
        maxRetentionDays: num(p, 'maxRetentionDays', w),
        legalMaxRetentionDays: typeof legalMax === 'number' ? legalMax : null,
        cameras: num(p, 'cameras', w),
      };
    }),
    authority: {
      name: str(authority, 'name', 'notice.authority'),
      url: str(authority, 'url', 'notice.authority'),
    },
    map: {
      tileUrl: typeof tileUrl === 'string' && /^https?:\/\//.test(tileUrl) ? tileUrl : null,
      attribution: typeof map['attribution'] === 'string' ? map['attribution'] : '',
    },
    signingKeyFingerprint: fingerprint ?? null,
  };
}

/** A public route's answer; a failed call rejects with an `ApiError`. */
function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
  return apiRequest('GET', path, { signal });
}

/** Loads the cameras and the notice. */
export async function loadPublicData(
  signal?: AbortSignal,
): Promise<{ cameras: PublicCamera[]; notice: PublicNotice }> {
  const [cameras, notice] = await Promise.all([
    getJson('/api/public/cameras', signal),
    getJson('/api/public/notice', signal),
  ]);
  return { cameras: parsePublicCameras(cameras), notice: parsePublicNotice(notice) };
}
