/**
 * WS-Discovery (2005/04, as ONVIF uses it) messages: the Probe Vedetta sends and the
 * ProbeMatches devices answer, with their Scopes read into name, hardware, location and maker.
 * Pure; a malformed answer is an `OnvifError('protocol')` (operation `Probe`).
 */
import { OnvifError } from './errors.ts';
import { child, find, findAll, parseXml, textAt } from './xml.ts';

/** One device that answered a Probe. */
export interface DiscoveredDevice {
  /** The EndpointReference address (`urn:uuid:...`): the device's stable identity. */
  readonly endpoint: string;
  /** Device service addresses (XAddrs), http(s) only. */
  readonly xaddrs: readonly string[];
  readonly types: readonly string[];
  readonly scopes: readonly string[];
  /** From the scopes `onvif://www.onvif.org/name/...` etc., URL-decoded; null when absent. */
  readonly name: string | null;
  readonly hardware: string | null;
  readonly location: string | null;
  readonly manufacturer: string | null;
}

/** A Probe for NetworkVideoTransmitters with message id `messageId` (`urn:uuid:...`). */
export function writeProbe(messageId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"' +
    ' xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"' +
    ' xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"' +
    ' xmlns:dn="http://www.onvif.org/ver10/network/wsdl">' +
    '<s:Header>' +
    '<a:Action s:mustUnderstand="1">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>' +
    `<a:MessageID>${messageId}</a:MessageID>` +
    '<a:ReplyTo><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>' +
    '<a:To s:mustUnderstand="1">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>' +
    '</s:Header>' +
    '<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body>' +
    '</s:Envelope>'
  );
}

const words = (s: string | undefined): string[] => (s ?? '').split(/\s+/).filter((w) => w !== '');

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The value of the first scope `onvif://www.onvif.org/<kind>/<value>` of one of `kinds`. */
function scopeValue(scopes: readonly string[], kinds: readonly string[]): string | null {
  for (const kind of kinds) {
    const prefix = `onvif://www.onvif.org/${kind}/`;
    const s = scopes.find((x) => x.toLowerCase().startsWith(prefix.toLowerCase()));
    if (s !== undefined) return decode(s.slice(prefix.length)).slice(0, 200);
  }
  return null;
}

/**
 * The devices of one ProbeMatches message (usually one). `expectedRelatesTo`: the Probe's message
 * id; an answer relating to another probe gives no devices.
 */
export function parseProbeMatches(xml: string, expectedRelatesTo?: string): DiscoveredDevice[] {
  const op = 'Probe';
  const envelope = parseXml(xml, op);
  if (envelope.name !== 'Envelope') throw new OnvifError('protocol', op, 'not a SOAP envelope');
  const relatesTo = textAt(child(envelope, 'Header'), 'RelatesTo');
  if (
    expectedRelatesTo !== undefined &&
    relatesTo !== undefined &&
    relatesTo !== expectedRelatesTo
  ) {
    return [];
  }
  const matches = find(child(envelope, 'Body'), 'ProbeMatches');
  if (matches === undefined)
    throw new OnvifError('protocol', op, 'the answer is not a ProbeMatches');
  const out: DiscoveredDevice[] = [];
  for (const m of findAll(matches, 'ProbeMatch')) {
    const endpoint = textAt(child(m, 'EndpointReference'), 'Address');
    if (endpoint === undefined || endpoint === '') {
      throw new OnvifError('protocol', op, 'a ProbeMatch has no EndpointReference Address');
    }
    const scopes = words(textAt(m, 'Scopes'));
    out.push({
      endpoint: endpoint.slice(0, 200),
      xaddrs: words(textAt(m, 'XAddrs')).filter((x) => /^https?:\/\//i.test(x)),
      types: words(textAt(m, 'Types')),
      scopes,
      name: scopeValue(scopes, ['name']),
      hardware: scopeValue(scopes, ['hardware']),
      location: scopeValue(scopes, ['location/city', 'location']),
      manufacturer: scopeValue(scopes, ['mfr', 'manufacturer']),
    });
  }
  return out;
}
