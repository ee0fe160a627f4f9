/**
 * What the public may know, and nothing more: the public page's camera list and the privacy
 * notice (second information layer), with the fingerprint of the export signing key. Each answer is built field by field from the register and
 * checked against a strict schema, so a field added to the registry later (stream URLs,
 * credentials, tags, groups, justifications, photo references) can never leak through here.
 */
import { z } from '@hono/zod-openapi';
import type { Config } from '../app/index.ts';
import { maxRetentionDays, PURPOSES } from '../cameras/index.ts';
import type { RegisterEntry } from './register.ts';

/** One camera as the public sees it: where it is, why it records, how long it keeps video. */
export const publicCameraSchema = z
  .strictObject({
    /** The camera's code, as printed on its sign. */
    id: z.string(),
    name: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    address: z.string(),
    district: z.string(),
    purpose: z.enum(PURPOSES),
    legalBasis: z.string(),
    retentionDays: z.number(),
    signage: z.strictObject({
      status: z.enum(['placed', 'planned', 'missing']),
      placedOn: z.string().nullable(),
    }),
  })
  .openapi('PublicCamera');

/** A contact as shown in the notice. */
const contactSchema = z.strictObject({
  name: z.string(),
  address: z.string(),
  email: z.string(),
  phone: z.string(),
  pec: z.string(),
});

/** The privacy notice's data (the web page supplies the wording in Italian and English). */
export const publicNoticeSchema = z
  .strictObject({
    controller: contactSchema,
    dpo: contactSchema,
    updatedOn: z.string().nullable(),
    /** Each purpose in use: its legal bases, the longest retention among its cameras, how many. */
    purposes: z.array(
      z.strictObject({
        purpose: z.enum(PURPOSES),
        legalBases: z.array(z.string()),
        maxRetentionDays: z.number(),
        legalMaxRetentionDays: z.number().nullable(),
        cameras: z.number(),
      }),
    ),
    /** The supervisory authority a complaint goes to. */
    authority: z.strictObject({ name: z.string(), url: z.string() }),
    map: z.strictObject({ tileUrl: z.string().nullable(), attribution: z.string() }),
    /**
     * SHA-256 fingerprint (64 lowercase hex digits, as `vedetta keys show` prints it) of the
     * installation key that signs evidence packages: published here so that a recipient can pin
     * it from a source other than the package (`vedetta verify --fingerprint`).
     */
    signingKeyFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .openapi('PublicNotice');

/** A public camera. */
export type PublicCamera = z.output<typeof publicCameraSchema>;
/** The notice's data. */
export type PublicNotice = z.output<typeof publicNoticeSchema>;

/** The cameras on the public page: enabled ones, with their public fields only. */
export function publicCameras(entries: readonly RegisterEntry[]): PublicCamera[] {
  return entries
    .filter((e) => e.enabled)
    .map((e) =>
      publicCameraSchema.parse({
        id: e.cameraId,
        name: e.name,
        latitude: e.location.latitude,
        longitude: e.location.longitude,
        address: e.location.address,
        district: e.location.district,
        purpose: e.purpose,
        legalBasis: e.legalBasis,
        retentionDays: e.retentionDays,
        signage: { status: e.signage.status, placedOn: e.signage.placedOn },
      }),
    );
}

/**
 * The notice's data from the configuration, the public cameras and the fingerprint of the key
 * that signs evidence packages.
 */
export function publicNotice(
  privacy: Config['privacy'],
  cameras: readonly PublicCamera[],
  signingKeyFingerprint: string,
): PublicNotice {
  const purposes = PURPOSES.flatMap((purpose) => {
    const of = cameras.filter((c) => c.purpose === purpose);
    if (of.length === 0) return [];
    const max = maxRetentionDays(purpose);
    return [
      {
        purpose,
        legalBases: [...new Set(of.map((c) => c.legalBasis))],
        maxRetentionDays: Math.max(...of.map((c) => c.retentionDays)),
        legalMaxRetentionDays: purpose === 'urban_security' ? max : null,
        cameras: of.length,
      },
    ];
  });
  const contact = (c: Config['privacy']['controller']) => ({
    name: c.name,
    address: c.address,
    email: c.email,
    phone: c.phone,
    pec: c.pec,
  });
  return publicNoticeSchema.parse({
    controller: contact(privacy.controller),
    dpo: contact(privacy.dpo),
    updatedOn: privacy.noticeUpdatedOn,
    purposes,
    authority: {
      name: 'Garante per la protezione dei dati personali',
      url: 'https://www.garanteprivacy.it',
    },
    map: { tileUrl: privacy.map.tileUrl, attribution: privacy.map.attribution },
    signingKeyFingerprint,
  });
}
