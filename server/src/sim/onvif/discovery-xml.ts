/**
 * WS-Discovery (2005/04, as ONVIF devices speak it) messages: reading a Probe (its MessageID and
 * Types) and writing one ProbeMatches answer for one camera, with the scopes ONVIF defines.
 */
import { randomUUID } from 'node:crypto';
import type { OnvifCamera } from './onvif-camera.ts';
import { child, esc, find, parseXml } from './xml.ts';

const WSD = 'http://schemas.xmlsoap.org/ws/2005/04/discovery';
const WSA = 'http://schemas.xmlsoap.org/ws/2004/08/addressing';

/** A probe as received. */
export interface Probe {
  messageId: string;
  /** Local names of the types asked for (`NetworkVideoTransmitter`, `Device`), empty for any. */
  types: string[];
}

/** Reads a Probe; undefined when the datagram is not one. */
export function parseProbe(xml: string): Probe | undefined {
  let root;
  try {
    root = parseXml(xml);
  } catch {
    return undefined;
  }
  const probe = find(child(root, 'Body'), 'Probe');
  if (root.name !== 'Envelope' || probe === undefined) return undefined;
  const messageId = find(child(root, 'Header'), 'MessageID')?.text.trim() ?? '';
  const types = (child(probe, 'Types')?.text ?? '')
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((t) => t.slice(t.indexOf(':') + 1));
  return { messageId, types };
}

/** Whether a camera answers a probe for these types. */
export function matchesTypes(cam: OnvifCamera, types: readonly string[]): boolean {
  if (types.length === 0) return true;
  const offered = ['NetworkVideoTransmitter', 'Device', ...(cam.ptz ? ['PTZ'] : [])];
  return types.some((t) => offered.includes(t));
}

/** The camera's ONVIF scopes. */
export function discoveryScopes(cam: OnvifCamera): string[] {
  const enc = (s: string): string => encodeURIComponent(s);
  return [
    'onvif://www.onvif.org/Profile/Streaming',
    'onvif://www.onvif.org/Profile/T',
    'onvif://www.onvif.org/type/video_encoder',
    ...(cam.ptz ? ['onvif://www.onvif.org/type/ptz'] : []),
    `onvif://www.onvif.org/name/${enc(cam.name)}`,
    `onvif://www.onvif.org/hardware/${enc(cam.model)}`,
    'onvif://www.onvif.org/location/city/La%20Spezia',
  ];
}

/** The ProbeMatches message of one camera answering `probe`. */
export function probeMatches(cam: OnvifCamera, probe: Probe, deviceUrl: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" ` +
    `xmlns:wsa="${WSA}" xmlns:d="${WSD}" xmlns:dn="http://www.onvif.org/ver10/network/wsdl" ` +
    `xmlns:tds="http://www.onvif.org/ver10/device/wsdl">` +
    `<SOAP-ENV:Header><wsa:MessageID>urn:uuid:${randomUUID()}</wsa:MessageID>` +
    `<wsa:RelatesTo>${esc(probe.messageId)}</wsa:RelatesTo>` +
    `<wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>` +
    `<wsa:Action>${WSD}/ProbeMatches</wsa:Action></SOAP-ENV:Header>` +
    `<SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch>` +
    `<wsa:EndpointReference><wsa:Address>${cam.uuid}</wsa:Address></wsa:EndpointReference>` +
    `<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>` +
    `<d:Scopes>${esc(discoveryScopes(cam).join(' '))}</d:Scopes>` +
    `<d:XAddrs>${esc(deviceUrl)}</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion>` +
    `</d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}
