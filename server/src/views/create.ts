/**
 * The view service: save, list, change and delete wall views. A view's camera ids are checked
 * when they enter it (the camera exists and the caller may watch it live; otherwise "unknown
 * camera", which does not reveal whether it exists), and kept afterwards whatever happens to the
 * caller's access: a tile whose camera the caller may no longer see is reported in
 * `unavailableCameraIds` and shows again when access returns. Every change is audited
 * (`view.create`, `view.update`, `view.delete`).
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../app/index.ts';
import { invalidArgument, notFound, parseWith } from '../app/index.ts';
import { loadRole, type AccessDb } from '../access/index.ts';
import { auditPrincipalOf, type AuditRecorder } from '../audit/index.ts';
import { registeredCameraIds, type CamerasDb } from '../cameras/index.ts';
import { isAllowed, type Actor, type Principal } from '../permissions/index.ts';
import { authorizeEditing, authorizeSharing, mayEdit, maySee } from './access.ts';
import { viewInputSchema, type Tile, type View, type ViewInput } from './api-shapes.ts';
import { tileCountOf, type Layout } from './layouts.ts';
import { deleteView, saveView, viewById, viewsVisibleTo, type StoredView } from './store.ts';
import type { ViewsDb } from './tables.ts';

/** What the view service is built from. */
export interface ViewServiceDeps {
  db: ViewsDb;
  /** To check that the cameras named exist. */
  camerasDb: CamerasDb;
  /** To check that a role shared with exists. */
  accessDb: AccessDb;
  clock: Clock;
  audit: AuditRecorder;
}

/** The view service. */
export interface ViewService {
  /** The views the caller sees: their own and those shared with their agency or role. */
  list(actor: Actor): Promise<View[]>;
  /** One view the caller sees; `not_found` otherwise. */
  get(actor: Actor, id: string): Promise<View>;
  /** Saves a new view (`ViewInput` JSON); audited. */
  create(actor: Actor, input: unknown): Promise<View>;
  /** Replaces a view (`ViewInput` JSON); audited. */
  update(actor: Actor, id: string, input: unknown): Promise<View>;
  /** Deletes a view; audited. */
  remove(actor: Actor, id: string): Promise<void>;
}

/** Every camera id a view names: tiles, hidden places, tours. */
export function cameraIdsOf(v: Pick<StoredView, 'places' | 'tour'>): string[] {
  const ids = new Set<string>();
  for (const p of v.places) {
    if (p?.cameraId) ids.add(p.cameraId);
    for (const id of p?.tour?.cameraIds ?? []) ids.add(id);
  }
  for (const id of v.tour?.cameraIds ?? []) ids.add(id);
  return [...ids];
}

/** A tile as stored: a tour without a camera starts on the tour's first camera. */
function normalTile(t: Tile | null): Tile | null {
  if (t === null) return null;
  const tour = t.tour ?? null;
  const cameraId = t.cameraId ?? tour?.cameraIds[0] ?? null;
  return cameraId === null ? null : { cameraId, stream: t.stream, tour };
}

/** The places of an input: its tiles then its hidden tiles, trailing empty places dropped. */
function placesOf(input: ViewInput): (Tile | null)[] {
  const places = [...input.tiles, ...input.hiddenTiles].map(normalTile);
  while (places.length > 0 && places[places.length - 1] === null) places.pop();
  return places;
}

/** Where in the input a camera id appears first, as a key path (for the error message). */
function pathOf(input: ViewInput, id: string): string {
  const find = (list: readonly (Tile | null)[], name: string): string | null => {
    for (const [i, t] of list.entries()) {
      if (t?.cameraId === id) return `${name}[${i}].cameraId`;
      const j = t?.tour?.cameraIds.indexOf(id) ?? -1;
      if (j >= 0) return `${name}[${i}].tour.cameraIds[${j}]`;
    }
    return null;
  };
  const j = input.tour?.cameraIds.indexOf(id) ?? -1;
  return (
    find(input.tiles, 'tiles') ??
    find(input.hiddenTiles, 'hiddenTiles') ??
    (j >= 0 ? `tour.cameraIds[${j}]` : 'tiles')
  );
}

const watchable = (p: Principal, id: string) => isAllowed(p, 'live.view', { kind: 'camera', id });

/** Creates the view service. */
export function createViews(deps: ViewServiceDeps): ViewService {
  const { db, clock, audit } = deps;

  function toView(p: Principal, v: StoredView): View {
    const count = tileCountOf(v.layout as Layout);
    const slots = Array.from({ length: Math.max(count, v.places.length) }, (_, i) => v.places[i]);
    const empty: Tile = { cameraId: null, stream: 'sub', tour: null };
    return {
      id: v.id,
      name: v.name,
      folder: v.folder,
      layout: v.layout as Layout,
      tiles: slots.slice(0, count).map((t) => t ?? empty),
      hiddenTiles: slots.slice(count).map((t) => t ?? null),
      sharing: v.sharing,
      role: v.shared_role,
      tour: v.tour,
      ownerId: v.owner_id,
      ownerName: v.owner_name,
      agencyId: v.agency_id,
      createdMs: v.created_ms,
      updatedMs: v.updated_ms,
      editable: mayEdit(p, v),
      unavailableCameraIds: cameraIdsOf(v).filter((id) => !watchable(p, id)),
    };
  }

  async function visible(actor: Actor, id: string): Promise<StoredView> {
    const v = await viewById(db, id);
    if (!v || !maySee(actor.principal, v)) throw notFound(`view ${id}`);
    return v;
  }

  /** Checks the parts of an input that need the database and the caller's access. */
  async function checked(actor: Actor, input: ViewInput, before?: StoredView): Promise<void> {
    authorizeSharing(actor.principal, input.sharing);
    if (input.role !== null && (await loadRole(deps.accessDb, input.role)) === undefined) {
      throw invalidArgument(`invalid view: role: unknown role ${input.role}`);
    }
    // Ids already in the view stay, whatever the caller's access now; new ones must exist and be
    // watchable by the caller.
    const kept = new Set(before ? cameraIdsOf(before) : []);
    const fresh = cameraIdsOf({ places: placesOf(input), tour: input.tour }).filter(
      (id) => !kept.has(id),
    );
    if (fresh.length === 0) return;
    const known = new Set(await registeredCameraIds(deps.camerasDb, fresh));
    const bad = fresh.find((id) => !known.has(id) || !watchable(actor.principal, id));
    if (bad !== undefined) {
      throw invalidArgument(`invalid view: ${pathOf(input, bad)}: unknown camera ${bad}`);
    }
  }

  async function audited(
    actor: Actor,
    action: 'view.create' | 'view.update' | 'view.delete',
    v: StoredView,
    details: Record<string, unknown>,
  ): Promise<void> {
    await audit.record({
      action,
      outcome: 'granted',
      principal: auditPrincipalOf(actor),
      sourceAddress: actor.sourceAddress,
      resource: `view:${v.id}`,
      details: {
        name: v.name,
        folder: v.folder,
        layout: v.layout,
        sharing: v.sharing,
        ...(v.shared_role !== null ? { role: v.shared_role } : {}),
        cameras: cameraIdsOf(v),
        ...details,
      },
    });
  }

  function stored(input: ViewInput, base: Omit<StoredView, keyof ViewInputFields>): StoredView {
    return {
      ...base,
      name: input.name,
      folder: input.folder,
      layout: input.layout,
      sharing: input.sharing,
      shared_role: input.role,
      tour: input.tour,
      places: placesOf(input),
    };
  }

  const service: ViewService = {
    async list(actor) {
      const p = actor.principal;
      const rows = await viewsVisibleTo(db, {
        userId: p.userId,
        agencyId: p.agencyId,
        role: p.role,
      });
      return rows.filter((v) => maySee(p, v)).map((v) => toView(p, v));
    },

    async get(actor, id) {
      return toView(actor.principal, await visible(actor, id));
    },

    async create(actor, raw) {
      const input = parseWith(viewInputSchema, raw, 'view');
      await checked(actor, input);
      const p = actor.principal;
      const now = clock.nowMs();
      const v = stored(input, {
        id: randomUUID(),
        owner_id: p.userId,
        owner_name: p.username,
        agency_id: p.agencyId,
        created_ms: now,
        updated_ms: now,
      });
      await saveView(db, v);
      await audited(actor, 'view.create', v, {});
      return service.get(actor, v.id);
    },

    async update(actor, id, raw) {
      const input = parseWith(viewInputSchema, raw, 'view');
      const before = await visible(actor, id);
      authorizeEditing(actor.principal, before);
      await checked(actor, input, before);
      const after = stored(input, {
        id,
        owner_id: before.owner_id,
        owner_name: before.owner_name,
        agency_id: before.agency_id,
        created_ms: before.created_ms,
        updated_ms: Math.max(clock.nowMs(), before.created_ms),
      });
      await saveView(db, after);
      await audited(actor, 'view.update', after, {
        ...(before.owner_id !== actor.principal.userId ? { owner: before.owner_name } : {}),
        ...(before.layout !== after.layout ? { layoutBefore: before.layout } : {}),
        ...(before.sharing !== after.sharing || before.shared_role !== after.shared_role
          ? { sharingBefore: before.sharing }
          : {}),
      });
      return service.get(actor, id);
    },

    async remove(actor, id) {
      const v = await visible(actor, id);
      authorizeEditing(actor.principal, v);
      await deleteView(db, id);
      await audited(actor, 'view.delete', v, {
        ...(v.owner_id !== actor.principal.userId ? { owner: v.owner_name } : {}),
      });
    },
  };
  return service;
}

/** The fields of a stored view that come from the input. */
type ViewInputFields = Pick<
  StoredView,
  'name' | 'folder' | 'layout' | 'sharing' | 'shared_role' | 'tour' | 'places'
>;
