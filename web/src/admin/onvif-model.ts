/**
 * ONVIF onboarding in the cameras tab: the shapes of `POST /api/onvif/discovery` and
 * `POST /api/onvif/probe`, the probe request from what was typed, and the camera form's draft
 * from a probe and the profiles chosen for main and sub. Pure functions, tested.
 */
import { EMPTY_CAMERA, type CameraDraft } from './camera-model.ts';

/** A device that answered discovery. */
export interface OnvifDevice {
  endpoint: string;
  address: string | null;
  name: string | null;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  location: string | null;
  identified: boolean;
  registered: boolean;
  cameraId: string | null;
}

/** What discovery answered: the devices, and the targets the Probe could not reach. */
export interface OnvifDiscovery {
  devices: OnvifDevice[];
  failedTargets: { target: string; message: string }[];
}

/** One media profile of a probed device. */
export interface OnvifProfile {
  token: string;
  name: string;
  codec: string | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  streamUri: string | null;
}

/** What a probe found; `ok: false` names the cause. */
export interface OnvifProbe {
  ok: boolean;
  deviceUrl: string;
  device?: {
    manufacturer: string;
    model: string;
    firmwareVersion: string;
    serialNumber: string;
    hardwareId: string;
  };
  profiles?: OnvifProfile[];
  streams?: {
    main: { token: string; uri: string } | null;
    sub: { token: string; uri: string } | null;
  };
  snapshotUri?: string | null;
  ptz?: boolean;
  events?: boolean;
  clock?: { deviceMs: number; serverMs: number; driftSeconds: number; fromLocalTime: boolean };
  reason?: 'unreachable' | 'timeout' | 'authentication' | 'fault' | 'protocol' | 'too_large';
  operation?: string;
  message?: string;
}

/** What the probe form holds. */
export interface ProbeForm {
  address: string;
  username: string;
  password: string;
  /** `env:NAME` / `file:/path`; when set, used instead of user and password. */
  credentialsRef: string;
}

/** An empty probe form. */
export const EMPTY_PROBE: ProbeForm = {
  address: '',
  username: '',
  password: '',
  credentialsRef: '',
};

/** The body of `POST /api/onvif/probe`. */
export function probeBody(f: ProbeForm): Record<string, unknown> {
  const body: Record<string, unknown> = { address: f.address.trim() };
  if (f.credentialsRef.trim() !== '') body['credentialsRef'] = f.credentialsRef.trim();
  else if (f.username.trim() !== '') {
    body['username'] = f.username.trim();
    body['password'] = f.password;
  }
  return body;
}

/** A profile in words: `H.264 1920×1080 25 fps`. */
export function profileText(p: OnvifProfile): string {
  const codec = p.codec === null ? '—' : p.codec.toUpperCase().replace(/^H26/, 'H.26');
  const size = p.width !== null && p.height !== null ? ` ${p.width}×${p.height}` : '';
  const fps = p.fps === null ? '' : ` ${String(p.fps).replace('.', ',')} fps`;
  return `${codec}${size}${fps}`;
}

/**
 * A new camera's draft from a probe: the chosen profiles' stream URIs, the device's ONVIF
 * address and profile tokens, what it said it is, and the credentials reference typed for the
 * probe (the server keeps references, never passwords).
 */
export function draftFromProbe(
  probe: OnvifProbe,
  choice: { main: string; sub: string | null },
  credentialsRef: string,
): CameraDraft {
  const uri = (token: string | null) =>
    token === null ? '' : (probe.profiles?.find((p) => p.token === token)?.streamUri ?? '');
  const d = probe.device;
  return {
    ...EMPTY_CAMERA,
    name: d === undefined ? '' : `${d.manufacturer} ${d.model}`.trim(),
    main: uri(choice.main),
    sub: uri(choice.sub),
    credentialsRef: credentialsRef.trim(),
    onvif: { address: probe.deviceUrl, main: choice.main, sub: choice.sub },
    device:
      d === undefined
        ? null
        : {
            manufacturer: d.manufacturer || null,
            model: d.model || null,
            firmware: d.firmwareVersion || null,
            serial: d.serialNumber || null,
          },
  };
}
