/**
 * `createRestream`: the re-stream's services — the service-account store, and the RTSP server
 * started by `start()` when the configuration turns it on. The video source is not chosen here:
 * the composition passes `openSource`, the one place that decides which hub a partner's VMS
 * gets for a camera, or that it gets none (privacy masks).
 */
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Clock, Logger, RestreamSettings } from '../app/index.ts';
import type { AccountsDb } from '../accounts/index.ts';
import type { AccessDb } from '../access/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { CamerasDb } from '../cameras/index.ts';
import type { StreamHub, StreamKind } from '../ingest/index.ts';
import { DigestAuthenticator } from './digest-auth.ts';
import { restreamRefusal } from './restream-access.ts';
import { restreamAudit } from './restream-audit.ts';
import { RestreamListener, type RestreamSessionInfo } from './rtsp-listener.ts';
import type { Admission } from './rtsp-connection.ts';
import { createServiceAccounts, type ServiceAccounts } from './service-accounts.ts';
import type { RestreamDb } from './tables.ts';

/**
 * Where a re-stream's video comes from: the hub of a camera stream for a viewer of an agency, or
 * why there is none (`masked`: privacy masks apply and no masked video is available;
 * `unavailable`: no such stream).
 */
export type OpenSource = (
  cameraId: string,
  stream: StreamKind,
  viewer: { agencyId: string },
) => Promise<{ hub: StreamHub } | { refused: 'masked' | 'unavailable' }>;

/** What the re-stream needs. */
export interface RestreamDeps {
  db: RestreamDb;
  accessDb: AccessDb;
  accountsDb: AccountsDb;
  camerasDb: CamerasDb;
  clock: Clock;
  logger: Logger;
  audit: AuditRecorder;
  settings: RestreamSettings;
  openSource: OpenSource;
  /** Subscribes to access changes (agreements, accounts); returns the unsubscribe. */
  onAccessChanged?: (listener: () => void) => () => void;
  /** Wait before answering wrong credentials, ms (default 200-700 at random). */
  failedAuthDelayMs?: () => number;
}

/** Where the RTSP server listens (ports actually bound). */
export interface RestreamAddresses {
  /** RTSP over TCP, or null when not served. */
  port: number | null;
  /** RTSPS, or null when not served. */
  tlsPort: number | null;
  host: string;
}

/** The re-stream's services. */
export interface RestreamService {
  /** Service accounts (the CLI's `vedetta restream account ...`, the administration page). */
  accounts: ServiceAccounts;
  /** The Digest realm clients are challenged with (`restream.realm`). */
  readonly realm: string;
  /** Starts the RTSP server if `restream.enabled`; null when it is off. */
  start(): Promise<RestreamAddresses | null>;
  /** Where it listens, once started; null before or when off. */
  readonly addresses: RestreamAddresses | null;
  /** Re-checks every playing session now (an access change). */
  recheckNow(): Promise<void>;
  /** The playing sessions. */
  sessions(): RestreamSessionInfo[];
  /** Stops serving; every session's end is audited. */
  close(): Promise<void>;
}

/** Creates the re-stream's services. */
export function createRestream(deps: RestreamDeps): RestreamService {
  const { clock, settings } = deps;
  const logger = deps.logger.child({ module: 'restream' });
  const accounts = createServiceAccounts({
    db: deps.db,
    accountsDb: deps.accountsDb,
    clock,
    realm: settings.realm,
  });
  const dbs = { accessDb: deps.accessDb, accountsDb: deps.accountsDb, camerasDb: deps.camerasDb };
  let listener: RestreamListener | undefined;
  let addresses: RestreamAddresses | null = null;
  let unsubscribe: (() => void) | undefined;
  const audit = restreamAudit(deps.audit, logger);

  async function admit(
    account: { id: string; name: string; agencyId: string; disabledMs: number | null },
    path: { cameraId: string; stream: StreamKind },
  ): Promise<Admission> {
    const stored = await accounts.find(account.name);
    if (stored === undefined || stored.id !== account.id) return { refused: 'account_disabled' };
    const refused = await restreamRefusal(dbs, stored, path.cameraId, clock.nowMs());
    if (refused !== undefined) return { refused };
    return deps.openSource(path.cameraId, path.stream, { agencyId: stored.agencyId });
  }

  return {
    accounts,
    realm: settings.realm,
    get addresses() {
      return addresses;
    },
    async start() {
      if (!settings.enabled || listener !== undefined) return addresses;
      const authenticator = new DigestAuthenticator(settings.realm, clock, (name) =>
        accounts.secretOf(name),
      );
      const l = new RestreamListener(
        {
          clock,
          logger,
          authenticator,
          audit,
          sessionTimeoutSeconds: settings.sessionTimeoutSeconds,
          describeWaitMs: 10_000,
          softLimitBytes: settings.skipBufferedKiB * 1024,
          hardLimitBytes: settings.closeBufferedKiB * 1024,
          admit,
          reload: (a) => accounts.find(a.name),
          failedAuthDelayMs: deps.failedAuthDelayMs ?? (() => randomInt(200, 700)),
        },
        {
          clock,
          logger,
          maxConnections: settings.maxConnections,
          recheckMs: settings.recheckSeconds * 1000,
        },
      );
      listener = l;
      try {
        const port = settings.port === null ? null : await l.listen(settings.host, settings.port);
        const tlsPort =
          settings.tlsPort === null
            ? null
            : await l.listen(settings.host, settings.tlsPort, {
                cert: readFileSync(settings.certFile ?? ''),
                key: readFileSync(settings.keyFile ?? ''),
              });
        addresses = { host: settings.host, port, tlsPort };
      } catch (e) {
        listener = undefined;
        await l.close();
        throw e;
      }
      unsubscribe = deps.onAccessChanged?.(() => void l.recheckNow());
      logger.info(addresses, 'restream listening');
      return addresses;
    },
    recheckNow: () => listener?.recheckNow() ?? Promise.resolve(),
    sessions: () => listener?.sessions() ?? [],
    async close() {
      unsubscribe?.();
      await listener?.close();
      await audit.idle(); // the sessions' ends are in the trail before it closes
      listener = undefined;
      addresses = null;
    },
  };
}
