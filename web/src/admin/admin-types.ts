/** Shapes of the administration API's JSON (agencies, users, roles, agreements, groups). */

/** Every permission, in the server's order. */
export const PERMISSIONS = [
  'live.view',
  'playback.view',
  'export.create',
  'ptz.control',
  'mask.lift',
  'hold.manage',
  'bookmark.manage',
  'alarm.handle',
  // Agreements grant it to a partner's service accounts (its VMS reads the camera over RTSP).
  'restream',
  'camera.manage',
  'user.manage',
  'agreement.manage',
  'audit.read',
  'bookmark.supervise',
  'view.share',
  'display.push',
  'display.manage',
] as const;

/** Permissions an agreement may grant: those on cameras. */
export const CAMERA_PERMISSIONS = PERMISSIONS.slice(0, 9);

/** A permission string. */
export type Permission = (typeof PERMISSIONS)[number];

/** An agency. */
export interface Agency {
  id: string;
  name: string;
  kind: 'owner' | 'partner';
}

/** An account. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: string;
  agencyId: string;
  disabled: boolean;
  createdMs: number;
  /** How its sign-in stands after failed logins. */
  signIn: SignInState;
}

/** An account's failed logins, as its administrators see them. */
export interface SignInState {
  /** Failed logins counted in the server's window, from any address. */
  failedAttempts: number;
  /** When the longest wait now running ends (UTC ms), or null. */
  delayedUntilMs: number | null;
  /** The account is being guessed at (an alarm is raised). */
  guessed: boolean;
}

/** A role. */
export interface Role {
  name: string;
  description: string;
  permissions: Permission[];
  playbackLookbackMs: number | null;
  builtIn: boolean;
}

/** An API token of a machine, as the list shows it (never its secret). */
export interface ApiToken {
  id: string;
  name: string;
  userId: string;
  username: string;
  agencyId: string;
  permissions: Permission[];
  createdMs: number;
  createdByName: string;
  expiresMs: number;
  lastUsedMs: number | null;
  revokedMs: number | null;
  revokedByName: string | null;
}

/** Where an agreement stands. */
export type AgreementStatus = 'active' | 'suspended' | 'revoked';

/** An agreement. */
export interface Agreement {
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
  inForce: boolean;
  permissions: Permission[];
  cameraIds: string[];
  groupIds: string[];
}

/** A camera group. */
export interface Group {
  id: string;
  name: string;
  description: string;
  cameraIds: string[];
}

/** A camera's ingest and recording state, as `GET /api/cameras/{id}/status` says; null: unknown. */
export interface CameraState {
  live: string | null;
  recording: string | null;
}

/** What a connection test found (`POST /api/cameras/test-connection`). */
export interface CameraTestResult {
  ok: boolean;
  /** host[:port] of the stream tested. */
  host: string;
  codec?: 'h264' | 'h265';
  codecString?: string;
  width?: number;
  height?: number;
  /** Frames per second measured over about a second; null when too few frames came. */
  fps?: number | null;
  /** The first key frame as a `data:image/jpeg` URL; null when it could not be decoded. */
  image?: string | null;
  /** Why the stream failed, when `ok` is false. */
  reason?:
    'unreachable' | 'authentication' | 'not_found' | 'no_video' | 'codec_unsupported' | 'protocol';
  /** The server's own words (English), for the detail. */
  message?: string;
}

/** Where a legal hold stands. */
export type HoldStatus = 'active' | 'expired' | 'released';

/** A legal hold (`GET /api/holds`). */
export interface LegalHold {
  id: string;
  cameraIds: string[];
  fromMs: number;
  toMs: number;
  authority: string;
  reference: string;
  description: string;
  expiresMs: number | null;
  untilReleasedReason: string | null;
  status: HoldStatus;
  placed: { atMs: number; userId: string; username: string; agencyId: string };
  released: { atMs: number; userId: string; reason: string } | null;
}
