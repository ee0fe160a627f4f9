/**
 * A typed client of one ONVIF device. It asks the device's clock first
 * (`GetSystemDateAndTime`, unauthenticated), keeps the offset, and signs every later request with
 * a WS-Security UsernameToken whose `Created` is in the DEVICE's time, so a camera whose clock is
 * hours off still accepts it. HTTP Digest is answered when the device asks for it.
 */
import type { Clock } from '../app/index.ts';
import {
  parseCapabilities,
  parseDeviceInformation,
  parseServices,
  parseSystemDateAndTime,
  type DeviceInformation,
  type ServiceAddresses,
} from './device-parsers.ts';
import { OnvifError } from './errors.ts';
import {
  parseMedia2Profiles,
  parseMediaProfiles,
  parseMediaUri,
  type MediaProfile,
} from './media-parsers.ts';
import { readResponse, writeEnvelope } from './soap.ts';
import { postSoap, type OnvifCredentials } from './transport.ts';
import { usernameTokenHeader } from './ws-security.ts';
import { escapeXml, type XmlNode } from './xml.ts';

/** Defaults of one exchange. */
export const ONVIF_TIMEOUT_MS = 5_000;
/** The largest answer read (a GetProfiles of a 16-channel recorder fits well). */
export const ONVIF_MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

/** What a client is made with. */
export interface OnvifClientOptions {
  /** The device service address, `http://host[:port]/onvif/device_service`. */
  readonly deviceUrl: string;
  readonly credentials?: OnvifCredentials | undefined;
  readonly clock: Clock;
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
}

/** The device's clock as read once. */
export interface DeviceClock {
  /** The device's UTC time, ms. */
  readonly deviceMs: number;
  /** The server's time at the middle of the exchange, ms. */
  readonly serverMs: number;
  /** deviceMs − serverMs. */
  readonly offsetMs: number;
  /** True when the device gave only its local time (read as UTC). */
  readonly fromLocal: boolean;
}

/** Which media service a profile came from. */
export type MediaService = 'media' | 'media2';

/** A client of one device. */
export interface OnvifClient {
  readonly deviceUrl: string;
  /** Reads the device's clock and keeps the offset for the UsernameToken. Unauthenticated. */
  getSystemDateAndTime(): Promise<DeviceClock>;
  getDeviceInformation(): Promise<DeviceInformation>;
  /** GetServices, falling back to GetCapabilities for devices without it. */
  getServiceAddresses(): Promise<ServiceAddresses>;
  getCapabilities(): Promise<ServiceAddresses>;
  getServices(): Promise<ServiceAddresses>;
  getProfiles(service: MediaService, xaddr: string): Promise<MediaProfile[]>;
  /** The RTSP URI (RTP over RTSP, TCP) of a profile. */
  getStreamUri(service: MediaService, xaddr: string, profileToken: string): Promise<string>;
  getSnapshotUri(service: MediaService, xaddr: string, profileToken: string): Promise<string>;
}

/** Creates a client; no request is made until an operation is called. */
export function createOnvifClient(options: OnvifClientOptions): OnvifClient {
  const { deviceUrl, credentials, clock } = options;
  const limits = {
    clock,
    timeoutMs: options.timeoutMs ?? ONVIF_TIMEOUT_MS,
    maxResponseBytes: options.maxResponseBytes ?? ONVIF_MAX_RESPONSE_BYTES,
  };
  let offsetMs = 0;

  async function call(
    url: string,
    operation: string,
    action: string,
    body: string,
    signed = true,
  ): Promise<XmlNode> {
    const header =
      signed && credentials !== undefined
        ? usernameTokenHeader(credentials.username, credentials.password, clock.nowMs() + offsetMs)
        : '';
    const text = await postSoap(url, writeEnvelope(body, header), {
      action,
      operation,
      credentials,
      limits,
    });
    return readResponse(text, operation);
  }

  const tds = (op: string): string => `http://www.onvif.org/ver10/device/wsdl/${op}`;
  const actionOf = (service: MediaService, op: string): string =>
    service === 'media'
      ? `http://www.onvif.org/ver10/media/wsdl/${op}`
      : `http://www.onvif.org/ver20/media/wsdl/${op}`;
  const token = (t: string): string => escapeXml(t);

  const client: OnvifClient = {
    deviceUrl,

    async getSystemDateAndTime() {
      const before = clock.nowMs();
      const r = await call(
        deviceUrl,
        'GetSystemDateAndTime',
        tds('GetSystemDateAndTime'),
        '<tds:GetSystemDateAndTime/>',
        false,
      );
      const serverMs = Math.round((before + clock.nowMs()) / 2);
      const { deviceMs, fromLocal } = parseSystemDateAndTime(r);
      offsetMs = deviceMs - serverMs;
      return { deviceMs, serverMs, offsetMs, fromLocal };
    },

    async getDeviceInformation() {
      const r = await call(
        deviceUrl,
        'GetDeviceInformation',
        tds('GetDeviceInformation'),
        '<tds:GetDeviceInformation/>',
      );
      return parseDeviceInformation(r);
    },

    async getCapabilities() {
      const r = await call(
        deviceUrl,
        'GetCapabilities',
        tds('GetCapabilities'),
        '<tds:GetCapabilities><tds:Category>All</tds:Category></tds:GetCapabilities>',
      );
      return parseCapabilities(r);
    },

    async getServices() {
      const r = await call(
        deviceUrl,
        'GetServices',
        tds('GetServices'),
        '<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>',
      );
      return parseServices(r);
    },

    async getServiceAddresses() {
      try {
        return await client.getServices();
      } catch (e) {
        if (!(e instanceof OnvifError) || (e.reason !== 'fault' && e.reason !== 'protocol')) {
          throw e;
        }
        return client.getCapabilities();
      }
    },

    async getProfiles(service, xaddr) {
      if (service === 'media') {
        const r = await call(
          xaddr,
          'GetProfiles',
          actionOf(service, 'GetProfiles'),
          '<trt:GetProfiles/>',
        );
        return parseMediaProfiles(r);
      }
      const r = await call(
        xaddr,
        'GetProfiles (Media2)',
        actionOf(service, 'GetProfiles'),
        '<tr2:GetProfiles><tr2:Type>All</tr2:Type></tr2:GetProfiles>',
      );
      return parseMedia2Profiles(r);
    },

    async getStreamUri(service, xaddr, profileToken) {
      const body =
        service === 'media'
          ? '<trt:GetStreamUri><trt:StreamSetup><tt:Stream>RTP-Unicast</tt:Stream>' +
            '<tt:Transport><tt:Protocol>RTSP</tt:Protocol></tt:Transport></trt:StreamSetup>' +
            `<trt:ProfileToken>${token(profileToken)}</trt:ProfileToken></trt:GetStreamUri>`
          : '<tr2:GetStreamUri><tr2:Protocol>RTSP</tr2:Protocol>' +
            `<tr2:ProfileToken>${token(profileToken)}</tr2:ProfileToken></tr2:GetStreamUri>`;
      const r = await call(xaddr, 'GetStreamUri', actionOf(service, 'GetStreamUri'), body);
      return parseMediaUri(r, 'GetStreamUri', ['rtsp', 'rtsps']);
    },

    async getSnapshotUri(service, xaddr, profileToken) {
      const prefix = service === 'media' ? 'trt' : 'tr2';
      const body =
        `<${prefix}:GetSnapshotUri><${prefix}:ProfileToken>${token(profileToken)}` +
        `</${prefix}:ProfileToken></${prefix}:GetSnapshotUri>`;
      const r = await call(xaddr, 'GetSnapshotUri', actionOf(service, 'GetSnapshotUri'), body);
      return parseMediaUri(r, 'GetSnapshotUri', ['http', 'https']);
    },
  };
  return client;
}
