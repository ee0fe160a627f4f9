/**
 * RFC 5424 syslog records of the audit trail, and their RFC 6587 octet-counting frame for TCP
 * and TLS. Two kinds: a checkpoint (MSGID `CHECKPOINT`, its witness line as the message, so the
 * collector's copy can be read back as a witness) and, when forwarding is on, each entry (MSGID
 * `AUDIT`, with action, outcome, user, camera, reason … as structured data). Pure: no I/O.
 *
 * The structured data IDs use 32473, the example enterprise number of RFC 5612, until Vedetta
 * has one of its own: `checkpoint@32473`, `audit@32473`.
 */
import type { AuditCheckpoint } from './checkpoint.ts';
import type { AuditEntry } from './entry.ts';
import { witnessLine } from './witness-line.ts';

/** Syslog facility names and their codes (RFC 5424 table 1). */
export const SYSLOG_FACILITIES = {
  kern: 0,
  user: 1,
  daemon: 3,
  auth: 4,
  syslog: 5,
  authpriv: 10,
  audit: 13,
  local0: 16,
  local1: 17,
  local2: 18,
  local3: 19,
  local4: 20,
  local5: 21,
  local6: 22,
  local7: 23,
} as const;

/** A facility name accepted in the configuration. */
export type SyslogFacility = keyof typeof SYSLOG_FACILITIES;

/** Who sends: the header fields that do not change between records. */
export interface SyslogOrigin {
  readonly facility: SyslogFacility;
  /** HOSTNAME field (printable ASCII; others are replaced by `_`). */
  readonly hostname: string;
  /** APP-NAME field. */
  readonly appName: string;
  /** PROCID field. */
  readonly procId: string;
}

const SEVERITY = { notice: 5, info: 6 } as const;
const SD_ID = { checkpoint: 'checkpoint@32473', audit: 'audit@32473' } as const;

/** Header field: printable US-ASCII without spaces, at most `max` characters, or `-`. */
function headerField(value: string, max: number): string {
  const clean = value.replace(/[^\x21-\x7e]/g, '_').slice(0, max);
  return clean === '' ? '-' : clean;
}

/** An SD-PARAM value: `"`, `\` and `]` escaped with a backslash (RFC 5424 §6.3.3). */
function sdValue(value: string): string {
  return oneLine(value).replace(/["\\\]]/g, (ch) => `\\${ch}`);
}

/** Control characters (line breaks included) as spaces: one record, one line at the collector. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x1f\x7f]/g, ' ');
}

function sdElement(id: string, params: Record<string, string | number | null>): string {
  const parts = Object.entries(params)
    .filter((p): p is [string, string | number] => p[1] !== null)
    .map(([name, v]) => `${name}="${sdValue(String(v))}"`);
  return `[${[id, ...parts].join(' ')}]`;
}

/** A message with a UTF-8 BOM in front when it is not plain ASCII (RFC 5424 §6.4). */
function msgText(text: string): string {
  const line = oneLine(text);
  return /^[\x20-\x7e]*$/.test(line) ? line : `\ufeff${line}`;
}

function record(
  origin: SyslogOrigin,
  severity: number,
  timeMs: number,
  msgId: string,
  sd: string,
  msg: string,
): string {
  const pri = SYSLOG_FACILITIES[origin.facility] * 8 + severity;
  return [
    `<${pri}>1`,
    new Date(timeMs).toISOString(),
    headerField(origin.hostname, 255),
    headerField(origin.appName, 48),
    headerField(origin.procId, 128),
    msgId,
    `${sd} ${msgText(msg)}`,
  ].join(' ');
}

/** The syslog record of a checkpoint: its witness line is the message. */
export function checkpointRecord(origin: SyslogOrigin, c: AuditCheckpoint): string {
  const sd = sdElement(SD_ID.checkpoint, {
    seq: c.seq,
    entryHash: c.entryHash,
    timeMs: c.timeMs,
    key: c.keyFingerprint,
  });
  return record(origin, SEVERITY.info, c.timeMs, 'CHECKPOINT', sd, witnessLine(c));
}

/** The syslog record of an audit entry: structured data and an English sentence. */
export function entryRecord(origin: SyslogOrigin, e: AuditEntry): string {
  const sd = sdElement(SD_ID.audit, {
    seq: e.seq,
    action: e.action,
    outcome: e.outcome,
    user: e.username,
    userId: e.userId,
    agency: e.agencyId,
    source: e.sourceAddress,
    camera: e.cameraId,
    resource: e.resource,
    fromMs: e.fromMs,
    toMs: e.toMs,
    reason: e.reason,
    caseReference: e.caseReference,
    hash: e.hash,
  });
  const who = e.username ?? e.userId ?? 'system';
  const on =
    e.cameraId !== null
      ? ` on camera ${e.cameraId}`
      : e.resource !== null
        ? ` on ${e.resource}`
        : '';
  const why = e.reason !== null ? ` (reason: ${e.reason})` : '';
  const severity = e.outcome === 'denied' ? SEVERITY.notice : SEVERITY.info;
  return record(
    origin,
    severity,
    e.timeMs,
    'AUDIT',
    sd,
    `${who} ${e.outcome} ${e.action}${on}${why}`,
  );
}

/** RFC 6587 octet counting: the record's length in bytes, a space, the record. */
export function octetFrame(rec: string): Buffer {
  const body = Buffer.from(rec, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
}
