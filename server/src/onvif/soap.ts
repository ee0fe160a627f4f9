/**
 * SOAP 1.2 envelopes as ONVIF devices expect them, and the reading of an answer: the Body's
 * first element, or the fault (SOAP 1.2 `Code/Value`, `Subcode/Value`, `Reason/Text`, or SOAP 1.1
 * `faultcode`/`faultstring`) turned into an `OnvifError` that names the operation and the code.
 */
import { OnvifError, type SoapFaultInfo } from './errors.ts';
import { child, find, parseXml, textAt, type XmlNode } from './xml.ts';

/** The SOAP 1.2 envelope namespace. */
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** The ONVIF namespaces a request body may use (prefix → URI), declared on every envelope. */
export const ONVIF_NS = {
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  trt: 'http://www.onvif.org/ver10/media/wsdl',
  tr2: 'http://www.onvif.org/ver20/media/wsdl',
  tptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  tev: 'http://www.onvif.org/ver10/events/wsdl',
  tt: 'http://www.onvif.org/ver10/schema',
} as const;

/** A SOAP 1.2 envelope around `body` (XML text), with an optional header (XML text). */
export function writeEnvelope(body: string, header = ''): string {
  const ns = Object.entries(ONVIF_NS)
    .map(([p, uri]) => ` xmlns:${p}="${uri}"`)
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<s:Envelope xmlns:s="${SOAP12_NS}"${ns}>` +
    (header === '' ? '' : `<s:Header>${header}</s:Header>`) +
    `<s:Body>${body}</s:Body></s:Envelope>`
  );
}

/** The fault of an envelope's Body, or null when it holds none. */
export function faultOf(envelope: XmlNode): SoapFaultInfo | null {
  const fault = find(child(envelope, 'Body'), 'Fault');
  if (fault === undefined) return null;
  const code12 = child(fault, 'Code');
  if (code12 !== undefined) {
    let subcode: string | null = null;
    let sub = child(code12, 'Subcode');
    while (sub !== undefined) {
      subcode = textAt(sub, 'Value') ?? subcode;
      sub = child(sub, 'Subcode');
    }
    const reason = child(fault, 'Reason');
    return {
      code: textAt(code12, 'Value') ?? '',
      subcode,
      reason: (child(reason, 'Text')?.text ?? reason?.text ?? '').trim(),
    };
  }
  return {
    code: textAt(fault, 'faultcode') ?? '',
    subcode: null,
    reason: textAt(fault, 'faultstring') ?? '',
  };
}

const AUTH_CODES =
  /(^|:)(NotAuthorized|FailedAuthentication|InvalidSecurityToken|InvalidSecurity)$/;

/** The error for a fault: `authentication` for NotAuthorized and WS-Security failures. */
export function faultError(operation: string, fault: SoapFaultInfo): OnvifError {
  const codes = [fault.code, fault.subcode ?? ''];
  const auth = codes.some((c) => AUTH_CODES.test(c));
  const what = fault.subcode === null ? fault.code : `${fault.code} / ${fault.subcode}`;
  const reason = fault.reason === '' ? '' : `: ${fault.reason}`;
  return new OnvifError(
    auth ? 'authentication' : 'fault',
    operation,
    `SOAP fault ${what}${reason}`,
    {
      fault,
    },
  );
}

/**
 * The first element of the answer's Body (the response), after checking the envelope; throws
 * the fault as an `OnvifError`.
 */
export function readResponse(xml: string, operation: string): XmlNode {
  const envelope = parseXml(xml, operation);
  if (envelope.name !== 'Envelope') {
    throw new OnvifError(
      'protocol',
      operation,
      `the answer is a <${envelope.name}>, not a SOAP envelope`,
    );
  }
  const fault = faultOf(envelope);
  if (fault !== null) throw faultError(operation, fault);
  const body = child(envelope, 'Body');
  const first = body?.children[0];
  if (first === undefined)
    throw new OnvifError('protocol', operation, 'the answer has an empty Body');
  return first;
}
