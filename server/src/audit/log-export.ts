/**
 * Exporting the audit trail for the data protection officer or the Garante: CSV for reading, and
 * JSON signed with the installation key for proving. The signed JSON carries every entry with its
 * hashes, the filter, who exported it and when, and the public key, so that the recipient can
 * check the signature (and each entry's hash) offline with `verifyAuditExport` or openssl.
 */
import { hash as oneShotHash } from 'node:crypto';
import { invalidArgument } from '../app/index.ts';
import { publicKeyFromPem, type InstallationKey } from '../keys/index.ts';
import { canonicalJson, entryHash, type AuditEntry } from './entry.ts';
import type { AuditFilter } from './query.ts';

/** The format tag of a signed JSON export. */
export const EXPORT_FORMAT = 'vedetta-audit-export-v1';

const CSV_COLUMNS: [string, (e: AuditEntry) => string | number | null][] = [
  ['seq', (e) => e.seq],
  ['time_utc', (e) => new Date(e.timeMs).toISOString()],
  ['time_ms', (e) => e.timeMs],
  ['user_id', (e) => e.userId],
  ['username', (e) => e.username],
  ['agency_id', (e) => e.agencyId],
  ['source_address', (e) => e.sourceAddress],
  ['action', (e) => e.action],
  ['camera_id', (e) => e.cameraId],
  ['resource', (e) => e.resource],
  ['from_utc', (e) => (e.fromMs === null ? null : new Date(e.fromMs).toISOString())],
  ['to_utc', (e) => (e.toMs === null ? null : new Date(e.toMs).toISOString())],
  ['outcome', (e) => e.outcome],
  ['reason', (e) => e.reason],
  ['case_reference', (e) => e.caseReference],
  ['details', (e) => e.details],
  ['prev_hash', (e) => e.prevHash],
  ['hash', (e) => e.hash],
];

/**
 * One CSV cell (RFC 4180). Text that a spreadsheet would run as a formula (starting with = + - @
 * or a control character) is prefixed with an apostrophe.
 */
function cell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The entries as CSV text (header line, then one line per entry, CRLF line ends). */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const e of entries) lines.push(CSV_COLUMNS.map(([, get]) => cell(get(e))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The unsigned body of a signed JSON export. */
export interface AuditExportBody {
  readonly format: typeof EXPORT_FORMAT;
  readonly generatedMs: number;
  readonly generatedBy: { userId: string; username: string; agencyId: string };
  readonly filter: AuditFilter;
  readonly count: number;
  readonly entries: readonly AuditEntry[];
  readonly keyFingerprint: string;
  readonly publicKeyPem: string;
}

/** A signed JSON export. */
export interface SignedAuditExport extends AuditExportBody {
  readonly signature: {
    readonly algorithm: 'Ed25519';
    /** SHA-256 (hex) of the signed bytes: the canonical JSON of the export without `signature`. */
    readonly signedSha256: string;
    /** base64 Ed25519 signature of those bytes. */
    readonly value: string;
  };
}

/** Builds and signs a JSON export. */
export function signAuditExport(
  key: InstallationKey,
  body: Omit<AuditExportBody, 'format' | 'count' | 'keyFingerprint' | 'publicKeyPem'>,
): SignedAuditExport {
  const unsigned: AuditExportBody = {
    format: EXPORT_FORMAT,
    generatedMs: body.generatedMs,
    generatedBy: body.generatedBy,
    filter: body.filter,
    count: body.entries.length,
    entries: body.entries,
    keyFingerprint: key.fingerprint,
    publicKeyPem: key.publicKeyPem,
  };
  const bytes = Buffer.from(canonicalJson(unsigned), 'utf8');
  return {
    ...unsigned,
    signature: {
      algorithm: 'Ed25519',
      signedSha256: oneShotHash('sha256', bytes, 'hex'),
      value: key.sign(bytes).toString('base64'),
    },
  };
}

/** What a check of an export found. */
export interface ExportCheck {
  readonly ok: boolean;
  readonly problems: string[];
}

/**
 * Checks a signed JSON export offline: the signature against the public key it carries (compare
 * `keyFingerprint` with the installation's published fingerprint) and each entry's hash.
 */
export function verifyAuditExport(doc: unknown): ExportCheck {
  if (doc === null || typeof doc !== 'object') throw invalidArgument('export: not a JSON object');
  const { signature, ...unsigned } = doc as SignedAuditExport;
  const problems: string[] = [];
  if ((unsigned.format as string) !== EXPORT_FORMAT) {
    throw invalidArgument(`export: format is not ${String(EXPORT_FORMAT)}`);
  }
  const key = publicKeyFromPem(unsigned.publicKeyPem);
  if (key.fingerprint !== unsigned.keyFingerprint)
    problems.push('key fingerprint does not match the public key');
  const bytes = Buffer.from(canonicalJson(unsigned), 'utf8');
  if (!key.verify(bytes, Buffer.from(signature.value, 'base64')))
    problems.push('signature is not valid');
  for (const e of unsigned.entries) {
    if (entryHash(e.seq, e, e.prevHash) !== e.hash)
      problems.push(`entry ${e.seq} does not match its hash`);
  }
  if (unsigned.count !== unsigned.entries.length) problems.push('count does not match the entries');
  return { ok: problems.length === 0, problems };
}
