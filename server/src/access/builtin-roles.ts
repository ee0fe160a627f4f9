/**
 * The built-in roles. Custom roles are stored in the database; these four always exist and cannot
 * be changed, so that an installation can never lock itself out of administration or audit.
 */
import type { Permission } from './permission-names.ts';

/** A named set of permissions, with an optional limit on how far back playback reaches. */
export interface RoleDefinition {
  /** Role name, unique: `operator`, `supervisor`, ..., or a custom one. */
  readonly name: string;
  readonly permissions: ReadonlySet<Permission>;
  /** How far back in time playback and export may reach, ms; null for no limit. */
  readonly playbackLookbackMs: number | null;
  /** True for the four built-in roles. */
  readonly builtIn: boolean;
}

const role = (name: string, permissions: Permission[]): RoleDefinition => ({
  name,
  permissions: new Set(permissions),
  playbackLookbackMs: null,
  builtIn: true,
});

const operator: Permission[] = ['live.view', 'playback.view', 'export.create', 'ptz.control'];

/** The built-in roles, by name. */
export const BUILTIN_ROLES: ReadonlyMap<string, RoleDefinition> = new Map(
  [
    role('operator', operator),
    role('supervisor', [...operator, 'mask.lift', 'hold.manage']),
    role('administrator', ['live.view', 'camera.manage', 'user.manage', 'agreement.manage']),
    role('auditor', ['audit.read']),
  ].map((r) => [r.name, r]),
);

/** True when `name` is one of the built-in roles. */
export function isBuiltinRole(name: string): boolean {
  return BUILTIN_ROLES.has(name);
}
