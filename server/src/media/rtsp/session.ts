/**
 * The `Session` header (RFC 2326 section 12.37): `Session: 47112344;timeout=60`.
 */
import { RtspParseError } from './errors.ts';

/** A session identifier and its timeout. */
export interface SessionHeader {
  id: string;
  /** Seconds of inactivity after which the server may end the session, when stated. */
  timeoutSeconds?: number;
}

/** RFC 2326 allows 8+ of ALPHA, DIGIT and `$-_.+`; cameras use more, so only separators are refused. */
const SESSION_ID = /^[^\s;,"]{1,256}$/;

/** Parses a Session header value. Unknown parameters are ignored. */
export function parseSession(value: string): SessionHeader {
  const [rawId = '', ...params] = value.split(';').map((s) => s.trim());
  if (!SESSION_ID.test(rawId))
    throw new RtspParseError(`invalid session id ${JSON.stringify(rawId)}`);
  const session: SessionHeader = { id: rawId };
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== 'timeout') continue;
    const text = param.slice(eq + 1).trim();
    if (!/^\d{1,9}$/.test(text)) {
      throw new RtspParseError(`invalid session timeout ${JSON.stringify(text)}`);
    }
    session.timeoutSeconds = Number(text);
  }
  return session;
}

/** Formats a Session header value, e.g. `47112344;timeout=60`. */
export function formatSession(session: SessionHeader): string {
  if (!SESSION_ID.test(session.id)) {
    throw new RtspParseError(`invalid session id ${JSON.stringify(session.id)}`);
  }
  const t = session.timeoutSeconds;
  return t === undefined ? session.id : `${session.id};timeout=${Math.floor(t)}`;
}
