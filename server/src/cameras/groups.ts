/**
 * Camera groups: named sets of cameras (a district, a route, the cameras one agreement covers).
 * Membership can be set from either side: a camera's `groupIds` or a group's `cameraIds`.
 */
import type { Clock } from '../app/index.ts';
import { AppError, invalidArgument, notFound } from '../app/index.ts';
import type { CamerasDb } from './tables.ts';
import { parseGroupCreate, parseGroupPatch } from './parse.ts';
import type { CameraGroup } from './api-shapes.ts';

/** Reads and changes camera groups. */
export interface CameraGroupService {
  list(): Promise<CameraGroup[]>;
  /** Throws `not_found`. */
  get(id: string): Promise<CameraGroup>;
  /** Adds a group (`CameraGroupInput` JSON); throws `invalid_argument` or `already_exists`. */
  create(input: unknown): Promise<CameraGroup>;
  /** Changes a group (`CameraGroupPatch` JSON); `cameraIds` replaces the membership. */
  patch(id: string, input: unknown): Promise<CameraGroup>;
  /** Removes a group (its cameras stay). Throws `not_found`. */
  remove(id: string): Promise<void>;
}

/** Makes a slug out of a name: "Centro storico" → `grp-centro-storico`. */
export function groupSlug(name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56);
  return `grp-${base === '' ? 'gruppo' : base}`;
}

/** Creates the camera group service. */
export function createCameraGroupService(deps: {
  db: CamerasDb;
  clock: Clock;
}): CameraGroupService {
  const { db, clock } = deps;

  async function checkCameras(cameraIds: readonly string[]): Promise<void> {
    if (new Set(cameraIds).size !== cameraIds.length) {
      throw invalidArgument('cameraIds: must not repeat a camera');
    }
    if (cameraIds.length === 0) return;
    const found = await db
      .selectFrom('cameras')
      .select('id')
      .where('id', 'in', cameraIds)
      .execute();
    const known = new Set(found.map((c) => c.id));
    const missing = cameraIds.filter((c) => !known.has(c));
    if (missing.length > 0)
      throw invalidArgument(`cameraIds: unknown camera ${missing.join(', ')}`);
  }

  async function checkNameFree(name: string, exceptId?: string): Promise<void> {
    const row = await db
      .selectFrom('camera_groups')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirst();
    if (row && row.id !== exceptId) {
      throw new AppError('already_exists', `a group named "${name}" already exists`);
    }
  }

  const service: CameraGroupService = {
    async list() {
      const groups = await db.selectFrom('camera_groups').selectAll().orderBy('id').execute();
      const members = await db
        .selectFrom('camera_group_members')
        .selectAll()
        .orderBy('camera_id')
        .execute();
      return groups.map((g) => ({
        id: g.id,
        name: g.name,
        description: g.description,
        cameraIds: members.filter((m) => m.group_id === g.id).map((m) => m.camera_id),
      }));
    },

    async get(id) {
      const g = await db
        .selectFrom('camera_groups')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!g) throw notFound(`camera group ${id}`);
      const members = await db
        .selectFrom('camera_group_members')
        .select('camera_id')
        .where('group_id', '=', id)
        .orderBy('camera_id')
        .execute();
      return {
        id: g.id,
        name: g.name,
        description: g.description,
        cameraIds: members.map((m) => m.camera_id),
      };
    },

    async create(input) {
      const g = parseGroupCreate(input);
      const id = g.id ?? groupSlug(g.name);
      const exists = await db
        .selectFrom('camera_groups')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (exists) throw new AppError('already_exists', `camera group ${id} already exists`);
      await checkNameFree(g.name);
      await checkCameras(g.cameraIds);
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('camera_groups')
          .values({ id, name: g.name, description: g.description, created_ms: clock.nowMs() })
          .execute();
        if (g.cameraIds.length > 0) {
          await tx
            .insertInto('camera_group_members')
            .values(g.cameraIds.map((c) => ({ group_id: id, camera_id: c })))
            .execute();
        }
      });
      return service.get(id);
    },

    async patch(id, input) {
      const change = parseGroupPatch(input);
      await service.get(id);
      if (change.name !== undefined) await checkNameFree(change.name, id);
      if (change.cameraIds !== undefined) await checkCameras(change.cameraIds);
      await db.transaction().execute(async (tx) => {
        if (change.name !== undefined || change.description !== undefined) {
          await tx
            .updateTable('camera_groups')
            .set({
              ...(change.name !== undefined ? { name: change.name } : {}),
              ...(change.description !== undefined ? { description: change.description } : {}),
            })
            .where('id', '=', id)
            .execute();
        }
        if (change.cameraIds !== undefined) {
          await tx.deleteFrom('camera_group_members').where('group_id', '=', id).execute();
          if (change.cameraIds.length > 0) {
            await tx
              .insertInto('camera_group_members')
              .values(change.cameraIds.map((c) => ({ group_id: id, camera_id: c })))
              .execute();
          }
        }
      });
      return service.get(id);
    },

    async remove(id) {
      const res = await db.deleteFrom('camera_groups').where('id', '=', id).executeTakeFirst();
      if (res.numDeletedRows === 0n) throw notFound(`camera group ${id}`);
    },
  };
  return service;
}
