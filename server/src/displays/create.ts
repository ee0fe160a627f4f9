/**
 * The display service: an agency's wall displays, what each shows, and the pushes that change it.
 * Listing needs `display.push` or `display.manage`; creating, changing and deleting displays needs
 * `display.manage`; pushing and taking back needs `display.push`, and what is pushed must be what
 * the pusher may see (`push.ts`). A user sees only their own agency's displays (another's answers
 * 404). Every change is audited: `display.create`, `display.update`, `display.delete`,
 * `display.push`, `display.clear` (resource `display:<id>`).
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../app/index.ts';
import { invalidArgument, isAppError, notFound, parseWith } from '../app/index.ts';
import type { UserService } from '../accounts/index.ts';
import { auditPrincipalOf, type AuditRecorder } from '../audit/index.ts';
import { authorize, type Actor, type Principal } from '../permissions/index.ts';
import {
  displayInputSchema,
  displayPatchSchema,
  type Display,
  type DisplayContent,
} from './api-shapes.ts';
import { contentOfPush, type PushDeps } from './push.ts';
import {
  camerasOf,
  contentOf,
  deleteDisplay,
  displayById,
  displayOfAccount,
  displaysOf,
  insertDisplay,
  setContent,
  updateDisplay,
} from './store.ts';
import type { DisplayRow, DisplaysDb } from './tables.ts';

/** What the display service is built from. */
export interface DisplayServiceDeps extends PushDeps {
  db: DisplaysDb;
  /** To check the display account bound to a display. */
  users: Pick<UserService, 'get' | 'findByUsername'>;
  audit: AuditRecorder;
  clock: Clock;
}

/** A change to one display: the display as it is now, or null when it was deleted or unbound. */
export type DisplayListener = (display: Display | null) => void;

/** The display service. */
export interface DisplayService {
  /** The displays of the caller's agency, with what each shows. */
  list(actor: Actor): Promise<Display[]>;
  /** Creates a display (`DisplayInput` JSON); audited. */
  create(actor: Actor, input: unknown): Promise<Display>;
  /** Renames a display, moves it, binds or unbinds its account (`DisplayPatch`); audited. */
  update(actor: Actor, id: string, input: unknown): Promise<Display>;
  /** Deletes a display; audited. */
  remove(actor: Actor, id: string): Promise<void>;
  /** Pushes a camera, a view or a replay (`DisplayPush` JSON) to a display; audited. */
  push(actor: Actor, id: string, input: unknown): Promise<Display>;
  /** Takes back what a display shows (it shows its idle screen); audited. */
  clear(actor: Actor, id: string): Promise<Display>;
  /** The display a display account shows; `not_found` for any other principal. */
  mine(principal: Principal): Promise<Display>;
  /** Calls `listener` on every change of display `id`; returns the unsubscribe function. */
  subscribe(id: string, listener: DisplayListener): () => void;
}

const READ = ['display.push', 'display.manage'] as const;

/** Creates the display service; `changed` is called after every change (live re-checks). */
export function createDisplays(deps: DisplayServiceDeps, changed?: () => void): DisplayService {
  const { db, clock, audit } = deps;
  const listeners = new Map<string, Set<DisplayListener>>();

  async function usernameOf(accountId: string | null): Promise<string | null> {
    if (accountId === null) return null;
    try {
      return (await deps.users.get(accountId)).username;
    } catch (e) {
      if (isAppError(e, 'not_found')) return null;
      throw e;
    }
  }

  async function toDisplay(row: DisplayRow): Promise<Display> {
    return {
      id: row.id,
      name: row.name,
      room: row.room,
      agencyId: row.agency_id,
      accountId: row.account_id,
      accountUsername: await usernameOf(row.account_id),
      content: contentOf(row),
      pushedBy: row.pushed_by_name,
      pushedMs: row.pushed_ms,
      updatedMs: row.updated_ms,
      online: (listeners.get(row.id)?.size ?? 0) > 0,
    };
  }

  async function visible(actor: Actor, id: string): Promise<DisplayRow> {
    const row = await displayById(db, id);
    if (!row || row.agency_id !== actor.principal.agencyId) throw notFound(`display ${id}`);
    return row;
  }

  /** Tells the display's listeners (and the composition) what it is now. */
  async function announce(id: string): Promise<Display | null> {
    const row = await displayById(db, id);
    const display = row ? await toDisplay(row) : null;
    for (const l of listeners.get(id) ?? []) l(display);
    changed?.();
    return display;
  }

  /**
   * The account to bind, by login name: it exists, is of the display's agency, and shows no other
   * display; its id.
   */
  async function accountToBind(username: string, agencyId: string, id: string): Promise<string> {
    const user = await deps.users.findByUsername(username);
    if (user === undefined || user.agencyId !== agencyId) {
      throw invalidArgument(`invalid display: accountUsername: unknown account ${username}`);
    }
    const other = await displayOfAccount(db, user.id);
    if (other && other.id !== id) {
      throw invalidArgument(
        `invalid display: accountUsername: ${username} already shows ${other.name}`,
      );
    }
    return user.id;
  }

  async function audited(
    actor: Actor,
    action: string,
    row: DisplayRow,
    extra: { cameraId?: string; fromMs?: number; reason?: string; details?: object } = {},
  ): Promise<void> {
    await audit.record({
      action,
      outcome: 'granted',
      principal: auditPrincipalOf(actor),
      sourceAddress: actor.sourceAddress,
      resource: `display:${row.id}`,
      ...(extra.cameraId !== undefined ? { cameraId: extra.cameraId } : {}),
      ...(extra.fromMs !== undefined ? { fromMs: extra.fromMs } : {}),
      ...(extra.reason !== undefined ? { reason: extra.reason } : {}),
      details: { display: row.name, room: row.room, ...extra.details },
    });
  }

  const describe = (c: DisplayContent) => ({
    kind: c.kind,
    cameras: camerasOf(c),
    ...(c.kind === 'view' ? { view: c.name, viewId: c.viewId } : {}),
  });

  return {
    async list(actor) {
      authorize(actor.principal, READ);
      const rows = await displaysOf(db, actor.principal.agencyId);
      return Promise.all(rows.map(toDisplay));
    },

    async create(actor, raw) {
      authorize(actor.principal, 'display.manage');
      const input = parseWith(displayInputSchema, raw, 'display');
      const id = randomUUID();
      const agencyId = actor.principal.agencyId;
      const accountId =
        input.accountUsername === null
          ? null
          : await accountToBind(input.accountUsername, agencyId, id);
      const now = clock.nowMs();
      const row: DisplayRow = {
        id,
        name: input.name,
        room: input.room,
        agency_id: agencyId,
        account_id: accountId,
        content_kind: 'none',
        content_json: null,
        pushed_by_id: null,
        pushed_by_name: null,
        pushed_ms: null,
        created_ms: now,
        updated_ms: now,
      };
      await insertDisplay(db, row);
      await audited(actor, 'display.create', row, {
        details: { account: await usernameOf(row.account_id) },
      });
      return toDisplay(row);
    },

    async update(actor, id, raw) {
      authorize(actor.principal, 'display.manage');
      const input = parseWith(displayPatchSchema, raw, 'display');
      const before = await visible(actor, id);
      const accountId =
        input.accountUsername === undefined || input.accountUsername === null
          ? input.accountUsername
          : await accountToBind(input.accountUsername, before.agency_id, id);
      await updateDisplay(db, id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.room !== undefined ? { room: input.room } : {}),
        ...(accountId !== undefined ? { account_id: accountId } : {}),
        updated_ms: Math.max(clock.nowMs(), before.created_ms),
      });
      const after = await visible(actor, id);
      await audited(actor, 'display.update', after, {
        details: {
          account: await usernameOf(after.account_id),
          ...(before.name !== after.name ? { nameBefore: before.name } : {}),
          ...(before.account_id !== after.account_id
            ? { accountBefore: await usernameOf(before.account_id) }
            : {}),
        },
      });
      const display = await announce(id);
      if (display === null) throw notFound(`display ${id}`);
      return display;
    },

    async remove(actor, id) {
      authorize(actor.principal, 'display.manage');
      const row = await visible(actor, id);
      await deleteDisplay(db, id);
      await audited(actor, 'display.delete', row, { details: describe(contentOf(row)) });
      await announce(id);
    },

    async push(actor, id, raw) {
      authorize(actor.principal, 'display.push');
      const row = await visible(actor, id);
      const content = await contentOfPush(deps, actor, raw);
      const p = actor.principal;
      await setContent(db, id, content, { id: p.userId, name: p.username }, clock.nowMs());
      await audited(actor, 'display.push', row, {
        ...(content.kind === 'camera' || content.kind === 'replay'
          ? { cameraId: content.cameraId }
          : {}),
        ...(content.kind === 'replay' ? { fromMs: content.fromMs, reason: content.reason } : {}),
        details: { ...describe(content), before: contentOf(row).kind },
      });
      const display = await announce(id);
      if (display === null) throw notFound(`display ${id}`);
      return display;
    },

    async clear(actor, id) {
      authorize(actor.principal, 'display.push');
      const row = await visible(actor, id);
      await setContent(db, id, { kind: 'none' }, null, clock.nowMs());
      await audited(actor, 'display.clear', row, {
        details: {
          before: describe(contentOf(row)),
          ...(row.pushed_by_name !== null ? { pushedBy: row.pushed_by_name } : {}),
        },
      });
      const display = await announce(id);
      if (display === null) throw notFound(`display ${id}`);
      return display;
    },

    async mine(principal) {
      const id = principal.access.display?.id;
      const row = id === undefined ? undefined : await displayById(db, id);
      if (!row || row.account_id !== principal.userId) throw notFound('display of this account');
      return toDisplay(row);
    },

    subscribe(id, listener) {
      const set = listeners.get(id) ?? new Set<DisplayListener>();
      set.add(listener);
      listeners.set(id, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(id);
      };
    },
  };
}
