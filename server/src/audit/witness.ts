/**
 * The audit trail's witnesses outside the database: the witness file (primary, every checkpoint
 * fsync'ed as it is made) and, when configured, the city's syslog collector (each checkpoint
 * and, if asked, each entry as it is written). `AuditLog` hands them what it commits.
 */
import type { Logger } from '../app/index.ts';
import type { AuditCheckpoint } from './checkpoint.ts';
import type { AuditEntry } from './entry.ts';
import type { SyslogForwarder } from './syslog-forwarder.ts';
import { checkpointRecord, entryRecord, type SyslogOrigin } from './syslog-message.ts';
import type { FileWitness } from './witness-file.ts';

/** What the audit log tells its witnesses. */
export interface AuditWitness {
  /** Creates the witness file if needed, so that it exists before the first checkpoint. */
  open(): Promise<void>;
  /** A checkpoint was committed: resolves once it is in the witness file (never rejects). */
  checkpoint(c: AuditCheckpoint): Promise<void>;
  /** Entries were committed (forwarded to syslog when so configured). */
  entries(entries: readonly AuditEntry[]): void;
  /** Writes what is pending and closes the file and the connection. */
  close(): Promise<void>;
}

/** The syslog side of the witness. */
export interface SyslogWitness {
  readonly forwarder: SyslogForwarder;
  readonly origin: SyslogOrigin;
  /** Also forward every entry as it is written. */
  readonly forwardEntries: boolean;
}

/** What a witness is made of. */
export interface AuditWitnessOptions {
  /** The witness file. */
  readonly file: FileWitness;
  readonly syslog?: SyslogWitness | undefined;
  readonly logger?: Logger | undefined;
}

/** The witness file plus, optionally, syslog. */
export function createAuditWitness(opts: AuditWitnessOptions): AuditWitness {
  const { file, syslog } = opts;
  return {
    open: () => file.open(),
    async checkpoint(c) {
      syslog?.forwarder.send(checkpointRecord(syslog.origin, c));
      await file.write(c);
    },
    entries(entries) {
      if (!syslog?.forwardEntries) return;
      for (const e of entries) syslog.forwarder.send(entryRecord(syslog.origin, e));
    },
    async close() {
      await file.close();
      await syslog?.forwarder.close();
    },
  };
}
