/**
 * The one error the ONVIF client throws: what went wrong (`reason`), during which operation, and
 * for a SOAP fault its code, subcode and reason text as the device wrote them. Parsers, transport
 * and discovery throw nothing else, so a caller can turn any failure into an answer.
 */

/** Every reason an ONVIF exchange fails, for API enums. */
export const ONVIF_FAILURES = [
  'unreachable',
  'timeout',
  'authentication',
  'fault',
  'protocol',
  'too_large',
] as const;

/** Why an ONVIF exchange failed. */
export type OnvifFailure = (typeof ONVIF_FAILURES)[number];

/** A SOAP fault as the device sent it. */
export interface SoapFaultInfo {
  /** `env:Sender`, `SOAP-ENV:Client`, ...: the text of Code/Value (1.2) or faultcode (1.1). */
  readonly code: string;
  /** The innermost Subcode/Value (1.2), e.g. `ter:NotAuthorized`; null when absent. */
  readonly subcode: string | null;
  /** The Reason/Text (1.2) or faultstring (1.1); empty when absent. */
  readonly reason: string;
}

/** A failed ONVIF exchange. The message names the operation (English, for logs and the API). */
export class OnvifError extends Error {
  readonly reason: OnvifFailure;
  /** `GetProfiles`, `Probe`, ...; `xml` for the parser alone. */
  readonly operation: string;
  readonly fault: SoapFaultInfo | null;

  constructor(
    reason: OnvifFailure,
    operation: string,
    message: string,
    options?: { fault?: SoapFaultInfo; cause?: unknown },
  ) {
    super(`ONVIF ${operation}: ${message}`, { cause: options?.cause });
    this.name = 'OnvifError';
    this.reason = reason;
    this.operation = operation;
    this.fault = options?.fault ?? null;
  }
}

/** True when `e` is an OnvifError. */
export function isOnvifError(e: unknown): e is OnvifError {
  return e instanceof OnvifError;
}
