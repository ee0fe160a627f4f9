/**
 * The camera registry: create, read, replace, change and remove cameras, with their group
 * membership. Every input is validated here (whoever calls), and errors are `AppError`s. A new or
 * changed `file:` credentials reference must resolve inside the secrets directory.
 */
import type { Clock } from '../app/index.ts';
import { AppError, invalidArgument, notFound, secretRefProblem } from '../app/index.ts';
import type { CamerasDb } from './tables.ts';
import { parseCameraBody, parseCameraCreate, parseCameraPatch } from './parse.ts';
import { cameraFromRow, rowFromBody } from './rows.ts';
import type { Camera, CameraBody } from './api-shapes.ts';
import { resolveCameraCredentials, type CameraCredentials } from './credentials.ts';

/** Reads and changes the camera registry. */
export interface CameraRegistry {
  /** Every camera, ordered by id. */
  list(): Promise<Camera[]>;
  /** Throws `not_found`. */
  get(id: string): Promise<Camera>;
  /** Adds a camera (`CameraCreate` JSON); throws `invalid_argument` or `already_exists`. */
  create(input: unknown): Promise<Camera>;
  /** Replaces every field of a camera (`CameraReplace` JSON). */
  replace(id: string, input: unknown): Promise<Camera>;
  /** Changes some fields (`CameraPatch` JSON); the result must satisfy every rule. */
  patch(id: string, input: unknown): Promise<Camera>;
  /** Removes a camera from the registry. Throws `not_found`. */
  remove(id: string): Promise<void>;
  /**
   * The credentials behind a reference, under the registry's own rule: a `file:` one only inside
   * the secrets directory. Throws `invalid_argument` naming `credentialsRef`.
   */
  credentialsOf(ref: string): CameraCredentials;
}

/** Creates the camera registry. */
export function createCameraRegistry(deps: {
  db: CamerasDb;
  clock: Clock;
  /** Retention of a new camera that names none, per purpose (config `retention.defaultDays`). */
  retentionDefaults?: Readonly<Record<string, number>>;
  /**
   * The only folder a `file:` credentials reference may point into (config `secrets.directory`);
   * none: every `file:` reference is refused.
   */
  secretsDirectory?: string;
}): CameraRegistry {
  const { db, clock } = deps;

  async function groupIdsOf(cameraId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('camera_group_members')
      .select('group_id')
      .where('camera_id', '=', cameraId)
      .orderBy('group_id')
      .execute();
    return rows.map((r) => r.group_id);
  }

  async function checkGroups(groupIds: readonly string[]): Promise<void> {
    if (groupIds.length === 0) return;
    const found = await db
      .selectFrom('camera_groups')
      .select('id')
      .where('id', 'in', groupIds)
      .execute();
    const known = new Set(found.map((g) => g.id));
    const missing = groupIds.filter((g) => !known.has(g));
    if (missing.length > 0) {
      throw invalidArgument(`groupIds: unknown group ${missing.join(', ')}`, {
        issues: [{ path: 'groupIds', message: `unknown group ${missing.join(', ')}` }],
      });
    }
  }

  async function nextId(): Promise<string> {
    const rows = await db.selectFrom('cameras').select('id').where('id', 'like', 'cam-%').execute();
    let max = 0;
    for (const { id } of rows) {
      const n = /^cam-(\d+)$/.exec(id)?.[1];
      if (n !== undefined) max = Math.max(max, Number(n));
    }
    return `cam-${String(max + 1).padStart(3, '0')}`;
  }

  /** Refuses a `file:` credentials reference outside the secrets directory. */
  function checkCredentialsRef(ref: string | null): void {
    if (ref === null || !ref.startsWith('file:')) return;
    const dir = deps.secretsDirectory;
    const message =
      dir === undefined
        ? 'file references need a secrets directory (secrets.directory)'
        : secretRefProblem(ref, { fileDirectory: dir });
    if (message !== undefined) {
      throw invalidArgument(`credentialsRef: ${message}`, {
        issues: [{ path: 'credentialsRef', message }],
      });
    }
  }

  async function write(
    id: string,
    body: CameraBody,
    previous: Camera | undefined,
  ): Promise<Camera> {
    // Checked when set or changed; a reference already stored is checked again when it is read.
    if (previous === undefined || previous.credentialsRef !== body.credentialsRef) {
      checkCredentialsRef(body.credentialsRef);
    }
    await checkGroups(body.groupIds);
    const isNew = previous === undefined;
    const now = clock.nowMs();
    await db.transaction().execute(async (tx) => {
      if (isNew) {
        await tx
          .insertInto('cameras')
          .values({ id, ...rowFromBody(body), created_ms: now, updated_ms: now })
          .execute();
      } else {
        await tx
          .updateTable('cameras')
          .set({ ...rowFromBody(body), updated_ms: now })
          .where('id', '=', id)
          .execute();
        await tx.deleteFrom('camera_group_members').where('camera_id', '=', id).execute();
      }
      if (body.groupIds.length > 0) {
        await tx
          .insertInto('camera_group_members')
          .values(body.groupIds.map((g) => ({ group_id: g, camera_id: id })))
          .execute();
      }
    });
    return registry.get(id);
  }

  const registry: CameraRegistry = {
    async list() {
      const rows = await db.selectFrom('cameras').selectAll().orderBy('id').execute();
      const members = await db
        .selectFrom('camera_group_members')
        .selectAll()
        .orderBy('group_id')
        .execute();
      const byCamera = new Map<string, string[]>();
      for (const m of members) {
        const list = byCamera.get(m.camera_id) ?? [];
        list.push(m.group_id);
        byCamera.set(m.camera_id, list);
      }
      return rows.map((r) => cameraFromRow(r, byCamera.get(r.id) ?? []));
    },

    async get(id) {
      const row = await db
        .selectFrom('cameras')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw notFound(`camera ${id}`);
      return cameraFromRow(row, await groupIdsOf(id));
    },

    async create(input) {
      const { id: requested, ...body } = parseCameraCreate(
        withDefaultRetention(input, deps.retentionDefaults),
      );
      const id = requested ?? (await nextId());
      const exists = await db
        .selectFrom('cameras')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (exists) throw new AppError('already_exists', `camera ${id} already exists`);
      return write(id, body, undefined);
    },

    async replace(id, input) {
      const body = parseCameraBody(input);
      return write(id, body, await registry.get(id));
    },

    async patch(id, input) {
      const change = parseCameraPatch(input);
      const previous = await registry.get(id);
      const { id: _id, ...current } = previous;
      const merged = {
        ...current,
        ...change,
        streams: { ...current.streams, ...change.streams },
        location: { ...current.location, ...change.location },
        signage: { ...current.signage, ...change.signage },
        recording: { ...current.recording, ...change.recording },
      };
      return write(id, parseCameraBody(merged), previous);
    },

    async remove(id) {
      const res = await db.deleteFrom('cameras').where('id', '=', id).executeTakeFirst();
      if (res.numDeletedRows === 0n) throw notFound(`camera ${id}`);
    },

    credentialsOf(ref) {
      checkCredentialsRef(ref);
      const dir = deps.secretsDirectory;
      try {
        return resolveCameraCredentials(ref, dir === undefined ? {} : { fileDirectory: dir });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        throw invalidArgument(`credentialsRef: ${message}`, {
          issues: [{ path: 'credentialsRef', message }],
        });
      }
    },
  };
  return registry;
}

/** `input` with the purpose's default retention filled in when it names none. */
function withDefaultRetention(
  input: unknown,
  defaults: Readonly<Record<string, number>> | undefined,
): unknown {
  if (defaults === undefined || typeof input !== 'object' || input === null) return input;
  const fields = input as Record<string, unknown>;
  if (fields['retentionDays'] !== undefined) return input;
  const purpose = typeof fields['purpose'] === 'string' ? fields['purpose'] : 'urban_security';
  const days = defaults[purpose];
  return days === undefined ? input : { ...fields, retentionDays: days };
}
