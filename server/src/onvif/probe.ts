/**
 * Probing one device the way onboarding needs it: its clock (and drift from the server's), its
 * identity, its services, its profiles (Media2 where offered, else Media), the RTSP URIs of the
 * main profile (the largest picture) and the sub profile (the smallest other one), the snapshot
 * URI, and whether it has PTZ and events.
 */
import type { Clock } from '../app/index.ts';
import { createOnvifClient, type DeviceClock, type MediaService } from './client.ts';
import type { DeviceInformation } from './device-parsers.ts';
import { OnvifError } from './errors.ts';
import type { MediaProfile } from './media-parsers.ts';
import type { OnvifCredentials } from './transport.ts';

/** A profile with its stream URI (null when the device would not give one). */
export interface ProbedProfile extends MediaProfile {
  readonly streamUri: string | null;
}

/** What a probe found. */
export interface DeviceProbe {
  readonly deviceUrl: string;
  readonly device: DeviceInformation;
  readonly clock: DeviceClock;
  readonly mediaService: MediaService;
  readonly profiles: readonly ProbedProfile[];
  /** Token and URI of the main (largest) and sub (smallest other) profiles. */
  readonly main: { readonly token: string; readonly uri: string } | null;
  readonly sub: { readonly token: string; readonly uri: string } | null;
  readonly snapshotUri: string | null;
  readonly ptz: boolean;
  readonly events: boolean;
}

/**
 * The device service URL of an address: a full `http(s)://` URL as given, otherwise
 * `host[:port]` → `http://host[:port]/onvif/device_service` (the ONVIF default path).
 */
export function deviceUrlOf(address: string): string {
  const a = address.trim();
  if (/^https?:\/\//i.test(a)) return a;
  return `http://${a}/onvif/device_service`;
}

const pixels = (p: MediaProfile): number => (p.width ?? 0) * (p.height ?? 0);

/** Main: the largest picture; sub: the smallest other one (none when there is one profile). */
export function pickMainAndSub<P extends MediaProfile>(
  profiles: readonly P[],
): { main: P | null; sub: P | null } {
  const video = profiles.filter((p) => p.codec !== null);
  const sorted = [...(video.length > 0 ? video : profiles)].sort((a, b) => pixels(b) - pixels(a));
  const main = sorted[0] ?? null;
  const last = sorted.length > 1 ? (sorted[sorted.length - 1] ?? null) : null;
  return { main, sub: last };
}

/** Probes one device; throws `OnvifError` when the device or its credentials fail. */
export async function probeDevice(options: {
  address: string;
  credentials?: OnvifCredentials | undefined;
  clock: Clock;
  timeoutMs?: number;
}): Promise<DeviceProbe> {
  const deviceUrl = deviceUrlOf(options.address);
  const client = createOnvifClient({ ...options, deviceUrl });
  const clock = await client.getSystemDateAndTime();
  const device = await client.getDeviceInformation();
  const services = await client.getServiceAddresses();
  let mediaService: MediaService = 'media';
  let profiles: MediaProfile[] | undefined;
  if (services.media2 !== null) {
    try {
      profiles = await client.getProfiles('media2', services.media2);
      mediaService = 'media2';
    } catch (e) {
      if (!(e instanceof OnvifError) || services.media === null) throw e;
    }
  }
  const xaddr = mediaService === 'media2' ? services.media2 : services.media;
  if (xaddr === null)
    throw new OnvifError('protocol', 'GetServices', 'the device has no media service');
  profiles ??= await client.getProfiles('media', xaddr);
  const probed: ProbedProfile[] = [];
  for (const p of profiles) {
    let streamUri: string | null = null;
    try {
      streamUri = await client.getStreamUri(mediaService, xaddr, p.token);
    } catch (e) {
      if (!(e instanceof OnvifError) || (e.reason !== 'fault' && e.reason !== 'protocol')) throw e;
    }
    probed.push({ ...p, streamUri });
  }
  const { main, sub } = pickMainAndSub(probed.filter((p) => p.streamUri !== null));
  let snapshotUri: string | null = null;
  if (main !== null) {
    try {
      snapshotUri = await client.getSnapshotUri(mediaService, xaddr, main.token);
    } catch (e) {
      if (!(e instanceof OnvifError) || (e.reason !== 'fault' && e.reason !== 'protocol')) throw e;
    }
  }
  const uriOf = (p: ProbedProfile | null) =>
    p === null || p.streamUri === null ? null : { token: p.token, uri: p.streamUri };
  return {
    deviceUrl,
    device,
    clock,
    mediaService,
    profiles: probed,
    main: uriOf(main),
    sub: uriOf(sub),
    snapshotUri,
    ptz: services.ptz !== null,
    events: services.events !== null,
  };
}
