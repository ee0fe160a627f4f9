/**
 * The bookmark service: mark an instant or a range of one or more cameras with a title, a note
 * and a case reference; list and search what the caller may play back; change and delete (the
 * author, or a supervisor of the author's agency). Every change is audited (`bookmark.create`,
 * `bookmark.update`, `bookmark.delete`, one entry per camera). A bookmark does not keep footage
 * from retention: `protectedFromRetention` is true only where legal holds in force cover it.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../app/index.ts';
import { invalidArgument, notFound, parseWith } from '../app/index.ts';
import { auditPrincipalOf, type AuditRecorder } from '../audit/index.ts';
import { registeredCameraIds, type CamerasDb } from '../cameras/index.ts';
import { heldRangesByCamera, mergeHeld, type HoldsDb, type HeldRange } from '../holds/index.ts';
import type { Actor } from '../permissions/index.ts';
import {
  authorizeEditing,
  authorizeMarking,
  mayEdit,
  maySee,
  type BookmarkScope,
} from './access.ts';
import {
  bookmarkCreateSchema,
  bookmarkPatchSchema,
  type Bookmark,
  type BookmarkPatch,
} from './api-shapes.ts';
import {
  bookmarkById,
  deleteBookmark,
  queryBookmarks,
  saveBookmark,
  type BookmarkQuery,
  type StoredBookmark,
} from './store.ts';
import type { BookmarksDb } from './tables.ts';

/** What the bookmark service is built from. */
export interface BookmarkServiceDeps {
  db: BookmarksDb;
  /** To check that the cameras named exist. */
  camerasDb: CamerasDb;
  /** To tell whether legal holds protect the footage. */
  holdsDb: HoldsDb;
  clock: Clock;
  audit: AuditRecorder;
}

/** Most bookmarks one listing returns. */
export const MAX_BOOKMARKS_LISTED = 500;

/** The bookmark service. */
export interface BookmarkService {
  /** The bookmarks matching `q` that the caller may see, latest first (at most `limit`, 500). */
  list(actor: Actor, q: BookmarkQuery, limit?: number): Promise<Bookmark[]>;
  /** One bookmark the caller may see; `not_found` otherwise. */
  get(actor: Actor, id: string): Promise<Bookmark>;
  /** Makes a bookmark (`BookmarkCreate` JSON); audited. */
  create(actor: Actor, input: unknown): Promise<Bookmark>;
  /** Changes a bookmark (`BookmarkPatch` JSON); audited. */
  update(actor: Actor, id: string, patch: unknown): Promise<Bookmark>;
  /** Deletes a bookmark; audited. */
  remove(actor: Actor, id: string): Promise<void>;
}

/** True when the held ranges cover `[fromMs, toMs)` (an instant: `fromMs`). */
function covered(ranges: readonly HeldRange[], fromMs: number, toMs: number): boolean {
  const end = Math.max(toMs, fromMs + 1);
  return mergeHeld(ranges).some((r) => r.fromMs <= fromMs && r.toMs >= end);
}

/** Creates the bookmark service. */
export function createBookmarks(deps: BookmarkServiceDeps): BookmarkService {
  const { db, clock, audit } = deps;

  async function existing(cameraIds: readonly string[]): Promise<string[]> {
    const ids = [...new Set(cameraIds)];
    const known = await registeredCameraIds(deps.camerasDb, ids);
    const missing = ids.find((id) => !known.includes(id));
    if (missing !== undefined) throw notFound(`camera ${missing}`);
    return ids;
  }

  async function views(actor: Actor, list: readonly StoredBookmark[]): Promise<Bookmark[]> {
    const cameras = [...new Set(list.flatMap((b) => b.cameraIds))];
    const held =
      cameras.length > 0 ? await heldRangesByCamera(deps.holdsDb, clock.nowMs(), cameras) : null;
    return list.map((b) => ({
      id: b.id,
      cameraIds: b.cameraIds,
      fromMs: b.from_ms,
      toMs: b.to_ms,
      title: b.title,
      note: b.note,
      caseReference: b.case_reference,
      authorId: b.author_id,
      authorName: b.author_name,
      agencyId: b.agency_id,
      createdMs: b.created_ms,
      updatedMs: b.updated_ms,
      protectedFromRetention: b.cameraIds.every((c) =>
        covered(held?.get(c) ?? [], b.from_ms, b.to_ms),
      ),
      editable: mayEdit(actor.principal, scopeOf(b)),
    }));
  }

  async function visible(actor: Actor, id: string): Promise<StoredBookmark> {
    const b = await bookmarkById(db, id);
    if (!b || !maySee(actor.principal, scopeOf(b))) throw notFound(`bookmark ${id}`);
    return b;
  }

  async function audited(
    actor: Actor,
    action: 'bookmark.create' | 'bookmark.update' | 'bookmark.delete',
    b: StoredBookmark,
    details: Record<string, unknown>,
  ): Promise<void> {
    await Promise.all(
      b.cameraIds.map((cameraId) =>
        audit.record({
          action,
          outcome: 'granted',
          principal: auditPrincipalOf(actor),
          sourceAddress: actor.sourceAddress,
          cameraId,
          resource: `bookmark:${b.id}`,
          fromMs: b.from_ms,
          toMs: b.to_ms,
          caseReference: b.case_reference,
          details,
        }),
      ),
    );
  }

  const service: BookmarkService = {
    async list(actor, q, limit = MAX_BOOKMARKS_LISTED) {
      const rows = await queryBookmarks(db, q);
      const seen = rows.filter((b) => maySee(actor.principal, scopeOf(b)));
      return views(actor, seen.slice(0, Math.min(limit, MAX_BOOKMARKS_LISTED)));
    },

    async get(actor, id) {
      const [view] = await views(actor, [await visible(actor, id)]);
      if (!view) throw notFound(`bookmark ${id}`);
      return view;
    },

    async create(actor, input) {
      const req = parseWith(bookmarkCreateSchema, input, 'bookmark');
      const cameraIds = await existing(req.cameraIds);
      authorizeMarking(actor.principal, { cameraIds, fromMs: req.fromMs });
      const now = clock.nowMs();
      const p = actor.principal;
      const b: StoredBookmark = {
        id: randomUUID(),
        title: req.title,
        note: req.note ?? '',
        case_reference: req.caseReference ?? null,
        from_ms: req.fromMs,
        to_ms: req.toMs ?? req.fromMs,
        author_id: p.userId,
        author_name: p.username,
        agency_id: p.agencyId,
        created_ms: now,
        updated_ms: now,
        cameraIds: [...cameraIds].sort(),
      };
      await saveBookmark(db, b);
      await audited(actor, 'bookmark.create', b, { title: b.title, cameras: b.cameraIds });
      return service.get(actor, b.id);
    },

    async update(actor, id, input) {
      const patch: BookmarkPatch = parseWith(bookmarkPatchSchema, input, 'bookmark');
      const before = await visible(actor, id);
      authorizeEditing(actor.principal, { ...scopeOf(before), id });
      const cameraIds =
        patch.cameraIds !== undefined ? (await existing(patch.cameraIds)).sort() : before.cameraIds;
      const fromMs = patch.fromMs ?? before.from_ms;
      const toMs = patch.toMs ?? (patch.fromMs !== undefined ? patch.fromMs : before.to_ms);
      if (toMs < fromMs) throw invalidArgument('invalid bookmark: toMs: must not be before fromMs');
      authorizeMarking(actor.principal, { cameraIds, fromMs });
      const after: StoredBookmark = {
        ...before,
        title: patch.title ?? before.title,
        note: patch.note ?? before.note,
        case_reference:
          patch.caseReference !== undefined ? patch.caseReference : before.case_reference,
        from_ms: fromMs,
        to_ms: toMs,
        cameraIds,
        updated_ms: Math.max(clock.nowMs(), before.created_ms),
      };
      await saveBookmark(db, after);
      const changed = Object.keys(patch).sort();
      await audited(actor, 'bookmark.update', after, {
        changed,
        ...(before.author_id !== actor.principal.userId ? { author: before.author_name } : {}),
        ...(patch.cameraIds !== undefined ? { camerasBefore: before.cameraIds } : {}),
        ...(patch.fromMs !== undefined || patch.toMs !== undefined
          ? { rangeBefore: [before.from_ms, before.to_ms] }
          : {}),
      });
      return service.get(actor, id);
    },

    async remove(actor, id) {
      const b = await visible(actor, id);
      authorizeEditing(actor.principal, { ...scopeOf(b), id });
      await deleteBookmark(db, id);
      await audited(actor, 'bookmark.delete', b, {
        title: b.title,
        ...(b.author_id !== actor.principal.userId ? { author: b.author_name } : {}),
      });
    },
  };
  return service;
}

/** What of a stored bookmark decides access. */
function scopeOf(b: StoredBookmark): Required<Omit<BookmarkScope, 'id'>> {
  return {
    cameraIds: b.cameraIds,
    fromMs: b.from_ms,
    authorId: b.author_id,
    agencyId: b.agency_id,
  };
}
