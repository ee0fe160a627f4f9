/**
 * Access-change notifications, so that whoever holds something open on the strength of an earlier
 * access check — a live stream, a playback session, a download — re-checks it at once. Emitted
 * synchronously when this node changes an agreement, a role or a user; and by the watch, which
 * polls the database every `pollMs` (changes made by another node or by the CLI) and fires when
 * an agreement's validity starts or ends. Subscribers re-check with `AccessService.stillAllowed`.
 */
import type { Clock, TimerHandle, Logger } from '../app/index.ts';
import { usersChangeStamp, type AccountsDb } from '../accounts/index.ts';
import type { AccessDb } from './tables.ts';
import { nextValidityBoundary } from '../permissions/index.ts';

/** Why access may have changed. */
export type AccessChangeReason =
  | 'agreement_changed'
  | 'agreement_suspended'
  | 'agreement_revoked'
  | 'agreement_validity'
  | 'role_changed'
  | 'user_changed'
  | 'external_change';

/** One notification. Fields narrow who is concerned; absent means "anyone may be". */
export interface AccessChange {
  readonly reason: AccessChangeReason;
  readonly atMs: number;
  /** The agency whose rights changed (an agreement's grantee). */
  readonly agencyId?: string;
  readonly agreementId?: string;
  readonly userId?: string;
  readonly role?: string;
}

/** A subscriber. Must not throw; errors are logged and ignored. */
export type AccessChangeListener = (change: AccessChange) => void;

/** The registry of subscribers. */
export class AccessEvents {
  private readonly listeners = new Set<AccessChangeListener>();

  constructor(private readonly logger?: Logger) {}

  /** Subscribes; returns the function that unsubscribes. */
  onAccessChanged(listener: AccessChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Notifies every subscriber, synchronously. */
  emit(change: AccessChange): void {
    for (const l of [...this.listeners]) {
      try {
        l(change);
      } catch (err) {
        this.logger?.error({ err, change }, 'access: a change listener failed');
      }
    }
  }
}

/**
 * Summary of the access tables and of the accounts' users (asked of accounts); when it differs
 * between polls, something changed.
 */
async function stamp(db: AccessDb, accountsDb: AccountsDb): Promise<string> {
  const [a, r, u] = await Promise.all([
    db
      .selectFrom('agreements')
      .select((eb) => [eb.fn.max('updated_ms').as('t'), eb.fn.countAll().as('n')])
      .executeTakeFirst(),
    db
      .selectFrom('roles')
      .select((eb) => [eb.fn.max('updated_ms').as('t'), eb.fn.countAll().as('n')])
      .executeTakeFirst(),
    usersChangeStamp(accountsDb),
  ]);
  return JSON.stringify(
    [a?.t, a?.n, r?.t, r?.n, u.latestUpdatedMs, u.count].map((v) =>
      v === null ? null : Number(v),
    ),
  );
}

async function nextBoundary(db: AccessDb, nowMs: number): Promise<number | null> {
  const rows = await db
    .selectFrom('agreements')
    .select(['valid_from_ms', 'valid_until_ms'])
    .where('status', '=', 'active')
    .execute();
  return nextValidityBoundary(
    rows.map((r) => ({
      status: 'active' as const,
      validFromMs: Number(r.valid_from_ms),
      validUntilMs: r.valid_until_ms === null ? null : Number(r.valid_until_ms),
    })),
    nowMs,
  );
}

/** A running watch. */
export interface AccessWatch {
  stop(): void;
  /** Runs one poll now (tests; also used right after start). */
  poll(): Promise<void>;
}

/** Starts polling the access tables (and the accounts' users) every `pollMs` of `clock`. */
export function startAccessWatch(deps: {
  db: AccessDb;
  /** The accounts' handle (the same database), for the users' change stamp. */
  accountsDb: AccountsDb;
  clock: Clock;
  events: AccessEvents;
  logger?: Logger;
  pollMs?: number;
}): AccessWatch {
  const { db, accountsDb, clock, events } = deps;
  const pollMs = deps.pollMs ?? 1000;
  let last: string | undefined;
  let boundary: number | null = null;
  let timer: TimerHandle | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;

  async function pollOnce(): Promise<void> {
    const now = clock.nowMs();
    const s = await stamp(db, accountsDb);
    if (last !== undefined && s !== last) events.emit({ reason: 'external_change', atMs: now });
    if (boundary !== null && now >= boundary) {
      events.emit({ reason: 'agreement_validity', atMs: now });
    }
    last = s;
    boundary = await nextBoundary(db, now);
  }
  function poll(): Promise<void> {
    running ??= pollOnce().finally(() => (running = undefined));
    return running;
  }
  function tick(): void {
    if (stopped) return;
    poll()
      .catch((err: unknown) => deps.logger?.error({ err }, 'access: watch poll failed'))
      .finally(() => {
        if (!stopped) timer = clock.setTimeout(tick, pollMs);
      });
  }
  tick();
  return {
    stop() {
      stopped = true;
      timer?.cancel();
    },
    poll,
  };
}
