/**
 * One line of the audit witness: a signed checkpoint written out of the database, as
 * `vedetta-audit-checkpoint-v1 seq=<n> entry_hash=<hex> time_ms=<t> key=<fingerprint> sig=<base64>`.
 * The signature is the checkpoint's own (over `checkpointStatement`), so a line can be checked
 * with the installation's public key alone. The same text is the message of the checkpoint's
 * syslog record, so a copy pulled from a log collector can be read back as a witness.
 */
import { CHECKPOINT_ENCODING, type AuditCheckpoint } from './checkpoint.ts';

const LINE = new RegExp(
  `${CHECKPOINT_ENCODING} seq=([1-9][0-9]{0,15}) entry_hash=([0-9a-f]{64}) ` +
    'time_ms=(0|[1-9][0-9]{0,15}) key=([0-9a-f]{64}) sig=([A-Za-z0-9+/]+={0,2})(?=\\s|$)',
);

/** The witness line of a checkpoint (without the newline). */
export function witnessLine(c: AuditCheckpoint): string {
  return (
    `${CHECKPOINT_ENCODING} seq=${c.seq} entry_hash=${c.entryHash} time_ms=${c.timeMs} ` +
    `key=${c.keyFingerprint} sig=${c.signature}`
  );
}

/** True when `text` carries a witness line (anywhere in it, e.g. after a syslog header). */
export function mentionsCheckpoint(text: string): boolean {
  return text.includes(`${CHECKPOINT_ENCODING} `);
}

/**
 * The checkpoint in `text`, found from the tag onwards (so a syslog record's line works too);
 * undefined when there is none or it is malformed.
 */
export function parseWitnessLine(text: string): AuditCheckpoint | undefined {
  const m = LINE.exec(text);
  if (!m) return undefined;
  const [, seq, entryHash, timeMs, keyFingerprint, signature] = m;
  if (!seq || !entryHash || !timeMs || !keyFingerprint || !signature) return undefined;
  return { seq: Number(seq), entryHash, timeMs: Number(timeMs), keyFingerprint, signature };
}
