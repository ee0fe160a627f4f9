/**
 * The enrolment calls of the second factor (`/api/session/totp/…`): thin typed functions over
 * the app's one request function; failures are `ApiError`s.
 */
import { apiRequest } from '../api/index.ts';

/** A new TOTP secret, not in use until a first code confirms it. */
export interface TotpEnrolment {
  /** Base32, for typing into the app. */
  secret: string;
  uri: string;
  /** The QR image of `uri` (an SVG `data:` URL). */
  qrDataUrl: string;
}

/** The enrolment calls. */
export const totpApi = {
  enrol: () => apiRequest<TotpEnrolment>('POST', '/api/session/totp/enrol', {}),
  confirm: async (code: string) =>
    (
      await apiRequest<{ recoveryCodes: string[] }>('POST', '/api/session/totp/confirm', {
        body: { code },
      })
    ).recoveryCodes,
};
