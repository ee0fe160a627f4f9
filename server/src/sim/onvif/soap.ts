/**
 * SOAP 1.2 envelopes and faults as ONVIF devices write them: every namespace the answers use is
 * declared on the envelope, faults carry `env:Code/env:Value`, an `env:Subcode` (e.g.
 * `ter:NotAuthorized`) and a reason, and go out as HTTP 400 (sender) or 500 (receiver).
 */
import { esc } from './xml.ts';

/** The namespaces of the answers, by prefix. */
export const NS = {
  env: 'http://www.w3.org/2003/05/soap-envelope',
  ter: 'http://www.onvif.org/ver10/error',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  trt: 'http://www.onvif.org/ver10/media/wsdl',
  tr2: 'http://www.onvif.org/ver20/media/wsdl',
  tptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  tev: 'http://www.onvif.org/ver10/events/wsdl',
  tt: 'http://www.onvif.org/ver10/schema',
  wsnt: 'http://docs.oasis-open.org/wsn/b-2',
  wstop: 'http://docs.oasis-open.org/wsn/t-1',
  wsa: 'http://www.w3.org/2005/08/addressing',
  wsrf: 'http://docs.oasis-open.org/wsrf/r-2',
  'wsrf-rw': 'http://docs.oasis-open.org/wsrf/rw-2',
  tns1: 'http://www.onvif.org/ver10/topics',
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

const DECLARATIONS = Object.entries(NS)
  .map(([prefix, uri]) => `xmlns:${prefix}="${uri}"`)
  .join(' ');

/** A SOAP 1.2 envelope around `body` (and an optional header's inner XML). */
export function envelope(body: string, header = ''): string {
  const head = header === '' ? '' : `<env:Header>${header}</env:Header>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<env:Envelope ${DECLARATIONS}>${head}<env:Body>${body}</env:Body></env:Envelope>`;
}

/** A fault a handler throws; the server writes it as a SOAP 1.2 fault. */
export class SoapFault extends Error {
  constructor(
    /** `Sender` (the request is wrong: HTTP 400) or `Receiver` (the device failed: HTTP 500). */
    readonly code: 'Sender' | 'Receiver',
    /** Qualified subcode, e.g. `ter:NotAuthorized`, `ter:InvalidArgVal`. */
    readonly subcode: string,
    reason: string,
    /** A second-level subcode, e.g. `ter:NoProfile`. */
    readonly detailSubcode?: string,
  ) {
    super(reason);
  }

  /** The HTTP status the fault goes out with. */
  get httpStatus(): number {
    return this.code === 'Sender' ? 400 : 500;
  }
}

/** Faults used by several services. */
export const faults = {
  notAuthorized: (why: string): SoapFault =>
    new SoapFault('Sender', 'ter:NotAuthorized', `Sender not authorized: ${why}`),
  actionNotSupported: (op: string): SoapFault =>
    new SoapFault('Receiver', 'ter:ActionNotSupported', `Optional action not implemented: ${op}`),
  invalidArg: (why: string, detail?: string): SoapFault =>
    new SoapFault('Sender', 'ter:InvalidArgVal', why, detail),
};

/** The envelope of a fault. */
export function faultEnvelope(fault: SoapFault): string {
  const inner =
    fault.detailSubcode === undefined
      ? ''
      : `<env:Subcode><env:Value>${esc(fault.detailSubcode)}</env:Value></env:Subcode>`;
  return envelope(
    `<env:Fault><env:Code><env:Value>env:${fault.code}</env:Value>` +
      `<env:Subcode><env:Value>${esc(fault.subcode)}</env:Value>${inner}</env:Subcode></env:Code>` +
      `<env:Reason><env:Text xml:lang="en">${esc(fault.message)}</env:Text></env:Reason></env:Fault>`,
  );
}
