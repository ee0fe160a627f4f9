/**
 * `a=fmtp` parameters of H.264 (RFC 6184 section 8.1) and H.265 (RFC 7798 section 7.1): the
 * parameter sets carried out-of-band as base64 (`sprop-parameter-sets`, `sprop-vps/sps/pps`).
 * A camera's broken parameter set is not fatal (they usually repeat in-band), so problems are
 * reported as warnings rather than thrown.
 */
import type { CodecParams, H264Params, H265Params } from '../types.ts';

/** Splits `key=value;key=value` (keys lower-cased; values keep any `=` they contain). */
export function parseFmtpParams(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      const flag = part.trim().toLowerCase();
      if (flag.length > 0) out[flag] = '';
      continue;
    }
    const key = part.slice(0, eq).trim().toLowerCase();
    if (key.length > 0) out[key] = part.slice(eq + 1).trim();
  }
  return out;
}

const BASE64 = /^[A-Za-z0-9+/\-_]+={0,2}$/;

/** Decodes one base64 NAL unit; undefined if the text is not base64 or decodes to nothing. */
export function decodeNalBase64(text: string): Uint8Array | undefined {
  const t = text.trim();
  if (!BASE64.test(t)) return undefined;
  const bytes = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 0 ? undefined : new Uint8Array(bytes);
}

/** Parameter sets found in an fmtp line, and what was wrong with them. */
export interface FmtpParamsResult {
  params?: CodecParams;
  warnings: string[];
}

function decodeList(value: string | undefined, key: string, warnings: string[]): Uint8Array[] {
  if (value === undefined) return [];
  const out: Uint8Array[] = [];
  for (const item of value.split(',')) {
    if (item.trim().length === 0) continue;
    const nal = decodeNalBase64(item);
    if (nal === undefined) warnings.push(`${key} holds invalid base64 "${item.slice(0, 40)}"`);
    else out.push(nal);
  }
  return out;
}

/** H.264 SPS and PPS from `sprop-parameter-sets` (NAL types 7 and 8; first of each). */
export function h264ParamsFromFmtp(fmtp: Record<string, string>): FmtpParamsResult {
  const warnings: string[] = [];
  const nals = decodeList(fmtp['sprop-parameter-sets'], 'sprop-parameter-sets', warnings);
  const sps = nals.find((n) => ((n[0] ?? 0) & 0x1f) === 7);
  const pps = nals.find((n) => ((n[0] ?? 0) & 0x1f) === 8);
  if (nals.length > 0 && (sps === undefined || pps === undefined)) {
    warnings.push('sprop-parameter-sets lacks an SPS (type 7) or a PPS (type 8)');
  }
  if (sps === undefined || pps === undefined) return { warnings };
  const params: H264Params = { codec: 'h264', sps, pps };
  return { params, warnings };
}

function h265Type(nal: Uint8Array): number {
  return ((nal[0] ?? 0) >> 1) & 0x3f;
}

/** H.265 VPS, SPS and PPS from `sprop-vps`, `sprop-sps`, `sprop-pps` (types 32, 33, 34). */
export function h265ParamsFromFmtp(fmtp: Record<string, string>): FmtpParamsResult {
  const warnings: string[] = [];
  const pick = (key: string, type: number): Uint8Array | undefined => {
    const nals = decodeList(fmtp[key], key, warnings);
    const nal = nals.find((n) => n.length >= 2 && h265Type(n) === type);
    if (nals.length > 0 && nal === undefined)
      warnings.push(`${key} holds no NAL unit of type ${type}`);
    return nal;
  };
  const vps = pick('sprop-vps', 32);
  const sps = pick('sprop-sps', 33);
  const pps = pick('sprop-pps', 34);
  if (vps === undefined || sps === undefined || pps === undefined) return { warnings };
  const params: H265Params = { codec: 'h265', vps, sps, pps };
  return { params, warnings };
}

/** Base64 of a NAL unit, for writing fmtp. */
export function encodeNalBase64(nal: Uint8Array): string {
  return Buffer.from(nal.buffer, nal.byteOffset, nal.byteLength).toString('base64');
}
