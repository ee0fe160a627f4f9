/**
 * The `RTP-Info` header of a PLAY answer (RFC 2326 section 12.33):
 * `url=rtsp://cam/track1;seq=45102;rtptime=12345678, url=...`. It ties each stream's first RTP
 * sequence number and timestamp to the play range.
 */
import { RtspParseError } from './errors.ts';

/** One stream's entry in RTP-Info. */
export interface RtpInfoEntry {
  /** Stream URL as sent (may be relative to the request URL). */
  url: string;
  /** Sequence number of the first packet, 0-65535. */
  seq?: number;
  /** RTP timestamp matching the start of the play range, 0-2^32-1. */
  rtptime?: number;
}

function parseEntry(text: string): RtpInfoEntry {
  const parts = text.split(';').map((s) => s.trim());
  let url: string | undefined;
  const entry: Partial<RtpInfoEntry> = {};
  for (const part of parts) {
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"|"$/g, '');
    if (key === 'url') {
      url = value;
    } else if (key === 'seq') {
      if (!/^\d{1,5}$/.test(value) || Number(value) > 0xffff) {
        throw new RtspParseError(`invalid RTP-Info seq ${JSON.stringify(value)}`);
      }
      entry.seq = Number(value);
    } else if (key === 'rtptime') {
      if (!/^\d{1,10}$/.test(value) || Number(value) > 0xffffffff) {
        throw new RtspParseError(`invalid RTP-Info rtptime ${JSON.stringify(value)}`);
      }
      entry.rtptime = Number(value);
    }
  }
  if (url === undefined || url.length === 0) {
    throw new RtspParseError(`RTP-Info entry without url: ${JSON.stringify(text.slice(0, 80))}`);
  }
  return { ...entry, url };
}

/**
 * Parses an RTP-Info value. Entries are split where a comma is followed by `url=`, so that commas
 * inside URLs survive.
 */
export function parseRtpInfo(value: string): RtpInfoEntry[] {
  const entries = value
    .split(/,(?=\s*url\s*=)/i)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(parseEntry);
  if (entries.length === 0) throw new RtspParseError('empty RTP-Info header');
  return entries;
}

/** Formats an RTP-Info value. */
export function formatRtpInfo(entries: readonly RtpInfoEntry[]): string {
  return entries
    .map((e) => {
      if (/[\s;]/.test(e.url)) throw new RtspParseError(`RTP-Info url ${JSON.stringify(e.url)}`);
      let text = `url=${e.url}`;
      if (e.seq !== undefined) text += `;seq=${e.seq & 0xffff}`;
      if (e.rtptime !== undefined) text += `;rtptime=${e.rtptime >>> 0}`;
      return text;
    })
    .join(',');
}
