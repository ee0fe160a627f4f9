/**
 * The audit service the rest of the server holds: `record()` (through the append queue), the
 * auditors' queries and exports, and verification of the stored chain against its witness.
 * Created once at start-up, with its witnesses outside the database (the witness file and,
 * when `audit.syslog` is set, the city's syslog collector).
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { AppError } from '../app/index.ts';
import type { Clock, Config, Logger } from '../app/index.ts';
import type { AuditDb } from './tables.ts';
import type { InstallationKey } from '../keys/index.ts';
import { AuditLog, type AuditRecorder } from './audit-log.ts';
import type { AuditEntry } from './entry.ts';
import { auditCsv, signAuditExport, type SignedAuditExport } from './log-export.ts';
import { queryAllAudit, queryAudit, type AuditFilter, type AuditPage } from './query.ts';
import type { AuditRecordInput } from './record-input.ts';
import { verifyStoredChain } from './verify-store.ts';
import type { AuditVerifyReport } from './verify.ts';
import { SyslogForwarder } from './syslog-forwarder.ts';
import { createAuditWitness, type AuditWitness, type SyslogWitness } from './witness.ts';
import { FileWitness } from './witness-file.ts';
import { readWitnessFile } from './witness-read.ts';

/** Most entries in one export. */
export const MAX_EXPORT_ENTRIES = 100_000;

/** Everything the audit module offers at run time. */
export interface AuditService extends AuditRecorder {
  /** The installation key that signs checkpoints and exports. */
  readonly key: InstallationKey;
  /** Starts the periodic checkpoint timer. */
  start(): void;
  /** Writes what is queued, seals it with a checkpoint, and refuses further records. */
  close(): Promise<void>;
  /** Resolves once everything recorded so far is committed. */
  flush(): Promise<void>;
  query(
    filter: AuditFilter,
    page?: { limit?: number | undefined; beforeSeq?: number | undefined },
  ): Promise<AuditPage>;
  /** The filtered entries as CSV text. */
  exportCsv(filter: AuditFilter): Promise<string>;
  /** The filtered entries as a JSON document signed with the installation key. */
  exportSigned(
    filter: AuditFilter,
    by: { userId: string; username: string; agencyId: string },
  ): Promise<SignedAuditExport>;
  /** Verifies the whole stored chain and compares it with the witness file. */
  verify(): Promise<AuditVerifyReport>;
}

/** What the audit service is built from. */
export interface AuditServiceDeps {
  db: AuditDb;
  key: InstallationKey;
  clock: Clock;
  logger: Logger;
  config: Config['audit'];
  /** The witness file (`<storage.path>/keys/audit-witness.log`, `AUDIT_WITNESS_FILE`). */
  witnessFile: string;
}

/** The syslog witness of `audit.syslog`, or undefined when none is configured. */
function syslogWitness(deps: AuditServiceDeps, logger: Logger): SyslogWitness | undefined {
  const c = deps.config.syslog;
  if (!c) return undefined;
  let ca: Buffer | undefined;
  if (c.caFile !== null) {
    try {
      ca = readFileSync(c.caFile);
    } catch (e) {
      throw new AppError(
        'failed_precondition',
        `audit.syslog.caFile: cannot read ${c.caFile}`,
        undefined,
        e,
      );
    }
  }
  const forwarder = new SyslogForwarder({
    target: { host: c.host, port: c.port, transport: c.transport, ca },
    clock: deps.clock,
    logger,
  });
  const origin = {
    facility: c.facility,
    hostname: hostname(),
    appName: c.appName,
    procId: String(process.pid),
  };
  return { forwarder, origin, forwardEntries: c.forwardEntries };
}

function witnessOf(deps: AuditServiceDeps, logger: Logger): AuditWitness {
  return createAuditWitness({
    file: new FileWitness(deps.witnessFile, logger),
    syslog: syslogWitness(deps, logger),
    logger,
  });
}

/** Creates the audit service. */
export function createAuditService(deps: AuditServiceDeps): AuditService {
  const { db, key, clock } = deps;
  const logger = deps.logger.child({ module: 'audit' });
  const log = new AuditLog({
    db,
    key,
    clock,
    logger,
    checkpointEveryEntries: deps.config.checkpointEveryEntries,
    checkpointEveryMs: deps.config.checkpointEverySeconds * 1000,
    witness: witnessOf(deps, logger),
  });
  const all = (filter: AuditFilter): Promise<AuditEntry[]> =>
    queryAllAudit(db, filter, MAX_EXPORT_ENTRIES);
  return {
    key,
    record: (input: AuditRecordInput) => log.record(input),
    start: () => log.start(),
    close: () => log.close(),
    flush: () => log.flush(),
    query: (filter, page) => queryAudit(db, filter, page),
    exportCsv: async (filter) => auditCsv(await all(filter)),
    exportSigned: async (filter, by) =>
      signAuditExport(key, {
        generatedMs: clock.nowMs(),
        generatedBy: by,
        filter,
        entries: await all(filter),
      }),
    verify: () => verifyStoredChain(db, key, readWitnessFile(deps.witnessFile)),
  };
}
