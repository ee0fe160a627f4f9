/**
 * The PTZ service of one ONVIF device, on one media profile: continuous move, stop, presets
 * (list, go to, save, delete) and home. Requests are signed like the device client's (a
 * UsernameToken in the DEVICE's time: pass the offset `OnvifClient.getSystemDateAndTime` found).
 */
import type { Clock } from '../app/index.ts';
import { OnvifError } from './errors.ts';
import { readResponse, writeEnvelope } from './soap.ts';
import { postSoap, type OnvifCredentials } from './transport.ts';
import { usernameTokenHeader } from './ws-security.ts';
import { escapeXml, find, findAll, textAt, type XmlNode } from './xml.ts';
import { ONVIF_MAX_RESPONSE_BYTES, ONVIF_TIMEOUT_MS } from './client.ts';

/** A preset as the camera stores it. */
export interface OnvifPreset {
  token: string;
  name: string;
}

/** What a PTZ client is made with. */
export interface PtzClientOptions {
  /** The PTZ service address (GetServices/GetCapabilities). */
  ptzUrl: string;
  /** The media profile the PTZ configuration belongs to. */
  profileToken: string;
  credentials?: OnvifCredentials | undefined;
  clock: Clock;
  /** Device clock minus server clock, ms (0 when unknown). */
  offsetMs?: number;
  timeoutMs?: number;
}

/** The PTZ operations. */
export interface OnvifPtzClient {
  /** Velocities -1…1 (zoom: 0…1 in, -1…0 out, as the generic velocity spaces). */
  continuousMove(pan: number, tilt: number, zoom: number): Promise<void>;
  stop(): Promise<void>;
  getPresets(): Promise<OnvifPreset[]>;
  gotoPreset(token: string): Promise<void>;
  /** Saves the current position (as `token` when given, else a new preset); its token. */
  setPreset(name: string, token?: string): Promise<string>;
  removePreset(token: string): Promise<void>;
  gotoHome(): Promise<void>;
  /** Sets the device clock offset (after reading the device's clock again). */
  setOffset(offsetMs: number): void;
}

/** `node` itself when it is named `name`, else its first descendant of that name. */
const self = (node: XmlNode, name: string): XmlNode | undefined =>
  node.name === name ? node : find(node, name);

/** The presets of a GetPresets response (the Body's element). */
export function parsePresets(response: XmlNode): OnvifPreset[] {
  const body = self(response, 'GetPresetsResponse');
  if (body === undefined) {
    throw new OnvifError('protocol', 'GetPresets', 'no GetPresetsResponse in the answer');
  }
  return findAll(body, 'Preset').flatMap((p) => {
    const token = p.attrs['token'];
    if (token === undefined || token === '') return [];
    return [{ token, name: textAt(p, 'Name') ?? token }];
  });
}

/** The token of a SetPreset response (the Body's element). */
export function parseSetPreset(response: XmlNode): string {
  const token = find(self(response, 'SetPresetResponse'), 'PresetToken')?.text;
  if (token === undefined || token === '') {
    throw new OnvifError('protocol', 'SetPreset', 'no PresetToken in the answer');
  }
  return token;
}

const num = (v: number): string => {
  if (!Number.isFinite(v)) return '0';
  return String(Math.round(Math.max(-1, Math.min(1, v)) * 1000) / 1000);
};

/** Creates a PTZ client; no request is made until an operation is called. */
export function createPtzClient(options: PtzClientOptions): OnvifPtzClient {
  const { ptzUrl, credentials, clock } = options;
  let offsetMs = options.offsetMs ?? 0;
  const limits = {
    clock,
    timeoutMs: options.timeoutMs ?? ONVIF_TIMEOUT_MS,
    maxResponseBytes: ONVIF_MAX_RESPONSE_BYTES,
  };
  const profile = `<tptz:ProfileToken>${escapeXml(options.profileToken)}</tptz:ProfileToken>`;

  async function call(operation: string, inner: string): Promise<XmlNode> {
    const header =
      credentials !== undefined
        ? usernameTokenHeader(credentials.username, credentials.password, clock.nowMs() + offsetMs)
        : '';
    const body = `<tptz:${operation}>${profile}${inner}</tptz:${operation}>`;
    const text = await postSoap(ptzUrl, writeEnvelope(body, header), {
      action: `http://www.onvif.org/ver20/ptz/wsdl/${operation}`,
      operation,
      credentials,
      limits,
    });
    return readResponse(text, operation);
  }

  return {
    async continuousMove(pan, tilt, zoom) {
      await call(
        'ContinuousMove',
        `<tptz:Velocity><tt:PanTilt x="${num(pan)}" y="${num(tilt)}"/>` +
          `<tt:Zoom x="${num(zoom)}"/></tptz:Velocity>`,
      );
    },
    async stop() {
      await call('Stop', '<tptz:PanTilt>true</tptz:PanTilt><tptz:Zoom>true</tptz:Zoom>');
    },
    async getPresets() {
      return parsePresets(await call('GetPresets', ''));
    },
    async gotoPreset(token) {
      await call('GotoPreset', `<tptz:PresetToken>${escapeXml(token)}</tptz:PresetToken>`);
    },
    async setPreset(name, token) {
      const inner =
        `<tptz:PresetName>${escapeXml(name)}</tptz:PresetName>` +
        (token === undefined ? '' : `<tptz:PresetToken>${escapeXml(token)}</tptz:PresetToken>`);
      return parseSetPreset(await call('SetPreset', inner));
    },
    async removePreset(token) {
      await call('RemovePreset', `<tptz:PresetToken>${escapeXml(token)}</tptz:PresetToken>`);
    },
    async gotoHome() {
      await call('GotoHomePosition', '');
    },
    setOffset(v) {
      offsetMs = v;
    },
  };
}
