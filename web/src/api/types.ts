/**
 * Shapes of the JSON that the Vedetta server sends, as the web application relies on them.
 * They mirror the HTTP API contract (see the server's OpenAPI document at /api/openapi.json).
 */

/** The signed-in user, as returned by `GET/POST /api/session`. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  agencyId: string;
  /** The agency's name, as the header shows it. */
  agencyName: string;
  /** Permission strings such as `camera.live`; the server is the authority, the UI only hides. */
  permissions: string[];
  /**
   * Set for a wall display's account (`/api/displays/me`): the app shows that display, full
   * screen, and nothing else. Absent from older servers.
   */
  display?: { id: string; name: string } | null;
  /**
   * The second factor (TOTP): in use, and required by the configuration. Required and not in
   * use: the session may only enrol one, so the app shows the enrolment page. Absent from older
   * servers.
   */
  secondFactor?: { enrolled: boolean; required: boolean };
}

/** `POST /api/session` for an account with a second factor: answer the challenge with a code. */
export interface SecondFactorNeeded {
  secondFactor: 'totp';
  challenge: string;
  expiresMs: number;
}

/** Why a camera exists: the purpose in the privacy register. */
export type CameraPurpose = 'urban_security' | 'traffic' | 'waste';

/** Whether the Garante-required sign has been put up. */
export type SignageStatus = 'placed' | 'planned' | 'missing';

/** A camera of the registry, as returned by `GET /api/cameras`. */
export interface Camera {
  /** Stable code, e.g. `cam-001`. */
  id: string;
  name: string;
  /** Stream URLs: only for a user with `camera.manage` on this camera (absent otherwise). */
  streams?: { main: string; sub: string | null };
  /** Where the camera's credentials are kept: only with `camera.manage` (absent otherwise). */
  credentialsRef?: string | null;
  /** Basic authentication over plain rtsp:// (password in clear) allowed for this camera. */
  allowBasicOverPlainRtsp: boolean;
  /** True when the camera has a sub stream (always present, unlike `streams`). */
  hasSubStream: boolean;
  /** The streams recorded (`sub` where the sub-stream is recorded too; the playback grid plays it). */
  recordedStreams?: ('main' | 'sub')[];
  /** Which streams are recorded as configured (null: the default): only with `camera.manage`. */
  recording?: { streams: ('main' | 'sub')[] | null };
  codecHint: 'h264' | 'h265' | null;
  location: { latitude: number; longitude: number; address: string; district: string };
  purpose: CameraPurpose;
  signage: { status: SignageStatus; placedOn: string | null };
  retentionDays: number;
  retentionJustification: string | null;
  enabled: boolean;
  tags: string[];
  groupIds: string[];
  /** The camera permissions the signed-in user holds on this camera (e.g. `live.view`). */
  callerPermissions?: string[];
}

/** A named group of cameras, as returned by `GET /api/camera-groups`. */
export interface CameraGroup {
  id: string;
  name: string;
  cameraIds: string[];
}

/** The live state of a camera's connection; `unknown` for a state this UI does not know. */
export type CameraConnectionState = 'online' | 'reconnecting' | 'offline' | 'unknown';

/**
 * A camera's status, from `GET /api/cameras/{id}/status`: the connection state, the recorded
 * share of today's expected time (0..1), and whether it is recording now (null when unsaid).
 */
export interface CameraStatus {
  state: CameraConnectionState;
  completenessToday: number | null;
  recording: boolean | null;
}

/** The body of every error answer of the API. */
export interface ApiErrorBody {
  error: { kind: string; message: string; details?: Record<string, unknown> };
}
