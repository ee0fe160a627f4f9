/**
 * The re-stream's audit entries: `restream.start` when a session starts playing, `restream.stop`
 * when it ends (account, camera, stream, start and end, bytes sent, why it ended), and
 * `restream.denied` for every refusal (wrong credentials, a camera not granted, masks, a
 * revocation found by the re-check). A failed write is logged, never thrown at the connection.
 */
import type { Logger } from '../app/index.ts';
import type { AuditRecorder, AuditRecordInput } from '../audit/index.ts';
import type { StreamKind } from '../ingest/index.ts';
import type { ServiceAccount } from './service-accounts.ts';

/** Why a session ended (`restream.stop` details `reason`). */
export type RestreamStopReason =
  | 'teardown'
  | 'client_closed'
  | 'timeout'
  | 'too_slow'
  | 'permission_revoked'
  | 'account_disabled'
  | 'masked'
  | 'unavailable'
  | 'server_shutdown';

/** One playing session, as the audit trail names it. */
export interface SessionRecord {
  account: ServiceAccount;
  cameraId: string;
  stream: StreamKind;
  sessionId: string;
  sourceAddress: string | null;
  /** RTSPS (true) or plain RTSP over TCP. */
  secure: boolean;
  startedMs: number;
}

/** A refusal to write down. */
export interface Refusal {
  account?: ServiceAccount | undefined;
  /** The user name tried, when no account was authenticated. */
  name?: string | undefined;
  cameraId?: string | undefined;
  stream?: StreamKind | undefined;
  sourceAddress: string | null;
  reason: string;
}

/** What the connections record. */
export interface RestreamAudit {
  started(s: SessionRecord): void;
  stopped(s: SessionRecord, endMs: number, bytes: number, reason: RestreamStopReason): void;
  denied(r: Refusal): void;
  /** Resolves when every entry asked for so far is written (or has failed and been logged). */
  idle(): Promise<void>;
}

const principalOf = (a: ServiceAccount) => ({
  userId: a.id,
  username: a.name,
  agencyId: a.agencyId,
});

/** The re-stream's audit writer over the audit service. */
export function restreamAudit(audit: AuditRecorder, logger: Logger): RestreamAudit {
  const pending = new Set<Promise<void>>();
  const write = (input: AuditRecordInput): void => {
    const p = audit.record(input).then(
      () => undefined,
      (err: unknown) => {
        logger.error({ err, action: input.action }, 'restream: audit entry not written');
      },
    );
    pending.add(p);
    void p.then(() => pending.delete(p));
  };
  return {
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    started(s) {
      write({
        action: 'restream.start',
        outcome: 'granted',
        principal: principalOf(s.account),
        sourceAddress: s.sourceAddress,
        cameraId: s.cameraId,
        fromMs: s.startedMs,
        details: { stream: s.stream, session: s.sessionId, rtsps: s.secure },
      });
    },
    stopped(s, endMs, bytes, reason) {
      write({
        action: 'restream.stop',
        outcome: 'granted',
        principal: principalOf(s.account),
        sourceAddress: s.sourceAddress,
        cameraId: s.cameraId,
        fromMs: s.startedMs,
        toMs: Math.max(endMs, s.startedMs),
        details: { stream: s.stream, session: s.sessionId, rtsps: s.secure, bytes, reason },
      });
    },
    denied(r) {
      write({
        action: 'restream.denied',
        outcome: 'denied',
        principal: r.account === undefined ? null : principalOf(r.account),
        username: r.account === undefined ? (r.name?.slice(0, 200) ?? null) : null,
        sourceAddress: r.sourceAddress,
        cameraId: r.cameraId ?? null,
        reason: r.reason,
        details: r.stream === undefined ? null : { stream: r.stream },
      });
    },
  };
}
