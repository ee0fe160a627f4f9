/**
 * Camera-side privacy masks over Media2 (ver20): GetMasks (optionally of one mask `Token` or one
 * video source configuration `ConfigurationToken`), CreateMask, SetMask, DeleteMask, signed like
 * the device client's requests. A device without masks answers a fault (`ter:ActionNotSupported`)
 * or has no Media2 at all: `readCameraMasks` says so as a typed result, not an exception; every
 * other failure is an `OnvifError` (unreachable, timeout, authentication, fault, protocol).
 */
import type { Clock } from '../app/index.ts';
import { createOnvifClient, ONVIF_MAX_RESPONSE_BYTES, ONVIF_TIMEOUT_MS } from './client.ts';
import { isOnvifError } from './errors.ts';
import {
  parseCreateMask,
  parseMasks,
  parseVideoSourceConfigurationToken,
  pictureToOnvif,
  type OnvifMask,
  type PicturePoint,
} from './mask-parsers.ts';
import { readResponse, writeEnvelope } from './soap.ts';
import { postSoap, type OnvifCredentials } from './transport.ts';
import { usernameTokenHeader } from './ws-security.ts';
import { escapeXml, type XmlNode } from './xml.ts';

/** What a masks client is made with. */
export interface MasksClientOptions {
  /** The Media2 service address (GetServices / GetCapabilities). */
  readonly media2Url: string;
  readonly credentials?: OnvifCredentials | undefined;
  readonly clock: Clock;
  /** Device clock minus server clock, ms (`OnvifClient.getSystemDateAndTime`). */
  readonly offsetMs?: number;
  readonly timeoutMs?: number;
}

/** A mask to write, its polygon in Vedetta's picture space (converted to ONVIF's on the wire). */
export interface OnvifMaskInput {
  readonly configurationToken: string;
  readonly points: readonly PicturePoint[];
  readonly type?: 'Color' | 'Pixelated' | 'Blurred';
  readonly enabled?: boolean;
}

/** The Media2 mask operations of one device. */
export interface OnvifMasksClient {
  getMasks(filter?: { token?: string; configurationToken?: string }): Promise<OnvifMask[]>;
  /** The video source configuration of a profile; null when the profile has none. */
  videoSourceConfigurationOf(profileToken: string): Promise<string | null>;
  /** Creates a mask; its token. */
  createMask(mask: OnvifMaskInput): Promise<string>;
  setMask(token: string, mask: OnvifMaskInput): Promise<void>;
  deleteMask(token: string): Promise<void>;
}

const NOT_SUPPORTED = /(^|:)(ActionNotSupported|NotSupported)$/;

/** True when the error is the device saying it does not offer the operation. */
export function isNotSupported(e: unknown): boolean {
  if (!isOnvifError(e) || e.fault === null) return false;
  return NOT_SUPPORTED.test(e.fault.subcode ?? '') || NOT_SUPPORTED.test(e.fault.code);
}

const coordinate = (v: number): string =>
  String(Math.round(Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0)) * 1e6) / 1e6);

function maskXml(mask: OnvifMaskInput, token?: string): string {
  const points = mask.points
    .map(([x, y]) => {
      const [ox, oy] = pictureToOnvif(x, y);
      return `<tt:Point x="${coordinate(ox)}" y="${coordinate(oy)}"/>`;
    })
    .join('');
  return (
    `<tr2:Mask${token === undefined ? '' : ` token="${escapeXml(token)}"`}>` +
    `<tt:ConfigurationToken>${escapeXml(mask.configurationToken)}</tt:ConfigurationToken>` +
    `<tt:Polygon>${points}</tt:Polygon><tt:Type>${mask.type ?? 'Color'}</tt:Type>` +
    `<tt:Enabled>${mask.enabled ?? true}</tt:Enabled></tr2:Mask>`
  );
}

/** Creates a masks client; no request is made until an operation is called. */
export function createMasksClient(options: MasksClientOptions): OnvifMasksClient {
  const { media2Url, credentials, clock } = options;
  const offsetMs = options.offsetMs ?? 0;
  const limits = {
    clock,
    timeoutMs: options.timeoutMs ?? ONVIF_TIMEOUT_MS,
    maxResponseBytes: ONVIF_MAX_RESPONSE_BYTES,
  };

  async function call(operation: string, inner: string): Promise<XmlNode> {
    const header =
      credentials !== undefined
        ? usernameTokenHeader(credentials.username, credentials.password, clock.nowMs() + offsetMs)
        : '';
    const body = `<tr2:${operation}>${inner}</tr2:${operation}>`;
    const text = await postSoap(media2Url, writeEnvelope(body, header), {
      action: `http://www.onvif.org/ver20/media/wsdl/${operation}`,
      operation,
      credentials,
      limits,
    });
    return readResponse(text, operation);
  }

  return {
    async getMasks(filter = {}) {
      const inner =
        (filter.token === undefined ? '' : `<tr2:Token>${escapeXml(filter.token)}</tr2:Token>`) +
        (filter.configurationToken === undefined
          ? ''
          : `<tr2:ConfigurationToken>${escapeXml(filter.configurationToken)}</tr2:ConfigurationToken>`);
      return parseMasks(await call('GetMasks', inner));
    },
    async videoSourceConfigurationOf(profileToken) {
      const r = await call(
        'GetProfiles',
        `<tr2:Token>${escapeXml(profileToken)}</tr2:Token><tr2:Type>VideoSource</tr2:Type>`,
      );
      return parseVideoSourceConfigurationToken(r);
    },
    async createMask(mask) {
      return parseCreateMask(await call('CreateMask', maskXml(mask)));
    },
    async setMask(token, mask) {
      await call('SetMask', maskXml(mask, token));
    },
    async deleteMask(token) {
      await call('DeleteMask', `<tr2:Token>${escapeXml(token)}</tr2:Token>`);
    },
  };
}

/** What `readCameraMasks` needs: the device, its credentials, and the profile Vedetta plays. */
export interface ReadCameraMasksOptions {
  readonly deviceUrl: string;
  readonly credentials?: OnvifCredentials | undefined;
  readonly clock: Clock;
  readonly timeoutMs?: number;
  /** The main profile (its video source configuration's masks are read); null: every mask. */
  readonly profileToken: string | null;
}

/** A camera's masks, or why it has none to read. */
export type CameraMasksReading =
  | {
      readonly supported: true;
      /** The video source configuration read (null: every mask of the device). */
      readonly configurationToken: string | null;
      readonly masks: OnvifMask[];
    }
  | {
      readonly supported: false;
      /** `no_media2`: the device has no Media2 service; `not_supported`: it refuses GetMasks. */
      readonly reason: 'no_media2' | 'not_supported';
      readonly message: string;
    };

/**
 * Reads a camera's privacy masks: its clock (for the UsernameToken), its services, the video
 * source configuration of `profileToken`, then GetMasks of that configuration. Throws
 * `OnvifError` when the device cannot be reached or fails otherwise.
 */
export async function readCameraMasks(opts: ReadCameraMasksOptions): Promise<CameraMasksReading> {
  const device = createOnvifClient({
    deviceUrl: opts.deviceUrl,
    credentials: opts.credentials,
    clock: opts.clock,
    ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
  });
  const { offsetMs } = await device.getSystemDateAndTime();
  const services = await device.getServiceAddresses();
  if (services.media2 === null) {
    return { supported: false, reason: 'no_media2', message: 'the device has no Media2 service' };
  }
  const client = createMasksClient({
    media2Url: services.media2,
    credentials: opts.credentials,
    clock: opts.clock,
    offsetMs,
    ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
  });
  let configurationToken: string | null = null;
  if (opts.profileToken !== null) {
    try {
      configurationToken = await client.videoSourceConfigurationOf(opts.profileToken);
    } catch (e) {
      // A profile the device no longer knows: read every mask rather than none.
      if (!isOnvifError(e) || e.reason !== 'fault') throw e;
    }
  }
  try {
    const masks = await client.getMasks(configurationToken === null ? {} : { configurationToken });
    return {
      supported: true,
      configurationToken,
      masks:
        configurationToken === null
          ? masks
          : masks.filter((m) => [configurationToken, ''].includes(m.configurationToken)),
    };
  } catch (e) {
    if (isNotSupported(e)) {
      return {
        supported: false,
        reason: 'not_supported',
        message: e instanceof Error ? e.message : String(e),
      };
    }
    throw e;
  }
}
