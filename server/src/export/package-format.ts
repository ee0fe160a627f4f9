/**
 * The evidence package's files and their JSON shapes (see design/export.md): `manifest.json`
 * (signed by the installation key in `manifest.sig`), `SHA256SUMS` (signed in `SHA256SUMS.sig`),
 * and one `provenance.json` per camera that
 * ties every exported frame to the recorder's signed segment statements. The schemas are what the
 * verifier parses with; a malformed file is reported by name and field.
 */
import { z } from 'zod';

/** Version tags of the formats. */
export const MANIFEST_FORMAT = 'vedetta-evidence-package/1';
export const PROVENANCE_FORMAT = 'vedetta-provenance/1';

/** Fixed file names at the root of a package. */
export const PACKAGE_FILES = {
  manifest: 'manifest.json',
  signature: 'manifest.sig',
  publicKey: 'public-key.pem',
  checksums: 'SHA256SUMS',
  /**
   * Raw Ed25519 signature of `SHA256SUMS` by the installation key, so that the standard-tool check
   * (`openssl pkeyutl -verify`, then `sha256sum -c`) covers the hashes it trusts. Packages written
   * before it was added have none (and the manifest then does not list it).
   */
  checksumsSignature: 'SHA256SUMS.sig',
  readmeIt: 'LEGGIMI.txt',
  readmeEn: 'README.txt',
} as const;

/** The folder of a camera's files inside the package. */
export function cameraDir(cameraId: string): string {
  return `cameras/${cameraId}`;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
const instant = z.object({ utc: z.string(), local: z.string(), ms: z.number().int() });

/** A gap in the exported range: no recording, with the recorder's cause. */
export const gapSchema = z.object({
  from: instant,
  to: instant,
  cause: z.string(),
  message: z.string(),
});

/** One exported camera in the manifest. */
export const manifestCameraSchema = z.object({
  id: z.string(),
  name: z.string(),
  video: z.string(),
  provenance: z.string(),
  /** First and last exported frame (the last one's end), and the frame count. */
  exported: z.object({ from: instant, to: instant, frames: z.number().int().nonnegative() }),
  gaps: z.array(gapSchema),
  codec: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /**
   * Privacy masks: `burnedIn` when the video was re-encoded with the camera's masks painted black
   * (its frames then cannot be compared with the recording); `unmasked` when a user holding
   * `mask.lift` exported the camera without them (audited).
   */
  privacyMasks: z.object({
    burnedIn: z.boolean(),
    unmasked: z.boolean(),
    polygons: z.array(z.array(z.tuple([z.number(), z.number()]))),
  }),
  /** Still images (decoded frames: covered by the file hashes and the export signature only). */
  stills: z.array(z.object({ file: z.string(), requested: instant, frame: instant })),
});

/** `manifest.json`. */
export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  exportId: z.string(),
  createdAt: z.string(),
  timeZone: z.string(),
  installation: z.object({
    publicKeyFile: z.string(),
    publicKeyFingerprint: hex64,
  }),
  exporter: z.object({
    userId: z.string(),
    username: z.string(),
    displayName: z.string(),
    agencyId: z.string(),
    agencyName: z.string(),
  }),
  reason: z.string(),
  caseReference: z.string(),
  recipient: z.string(),
  range: z.object({ from: instant, to: instant }),
  cameras: z.array(manifestCameraSchema),
  files: z.array(
    z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: hex64 }),
  ),
});

/** A recorded segment an export draws on, as the recorder signed it. */
export const provenanceSegmentSchema = z.object({
  /** The exact statement text the recorder signed (see recording/statement.ts). */
  statement: z.string(),
  /** Base64 Ed25519 signature of the statement. */
  signature: z.string(),
  keyFingerprint: hex64,
  /** Base64 of the segment's init segment (ftyp + moov) as recorded. */
  init: z.string(),
  /** SHA-256 of every fragment of the segment, in file order. */
  fragmentSha256: z.array(hex64),
});

/** A recorded fragment whose payload is copied into the exported video. */
export const provenanceFragmentSchema = z.object({
  segment: z.number().int().nonnegative(),
  index: z.number().int().nonnegative(),
  /** Base64 of the fragment's `moof` box and `mdat` header as recorded. */
  head: z.string(),
  /** Bytes of the whole recorded fragment (moof + mdat). */
  size: z.number().int().positive(),
  /** Where the fragment's `mdat` payload lies in the exported video. */
  videoOffset: z.number().int().nonnegative(),
  /** Exported frame number of the first frame it contributes. */
  firstFrame: z.number().int().nonnegative(),
  /** Frames of the fragment before the first one exported. */
  skip: z.number().int().nonnegative(),
  /** Frames it contributes. */
  count: z.number().int().positive(),
});

/** `cameras/<id>/provenance.json`. */
export const provenanceSchema = z.object({
  format: z.literal(PROVENANCE_FORMAT),
  camera: z.string(),
  video: z.string(),
  frames: z.number().int().nonnegative(),
  segments: z.array(provenanceSegmentSchema),
  /** Empty when the video was re-encoded (privacy masks burned in). */
  fragments: z.array(provenanceFragmentSchema),
});

/** Parsed `manifest.json`. */
export type Manifest = z.infer<typeof manifestSchema>;
/** One camera of a manifest. */
export type ManifestCamera = z.infer<typeof manifestCameraSchema>;
/** A gap as the manifest lists it. */
export type ManifestGap = z.infer<typeof gapSchema>;
/** An instant in UTC and local time. */
export type Instant = z.infer<typeof instant>;
/** Parsed `provenance.json`. */
export type Provenance = z.infer<typeof provenanceSchema>;
/** One segment of a provenance file. */
export type ProvenanceSegment = z.infer<typeof provenanceSegmentSchema>;
/** One fragment of a provenance file. */
export type ProvenanceFragment = z.infer<typeof provenanceFragmentSchema>;
