/**
 * Roles as the access check sees them: a named set of permissions with an optional limit on how
 * far back playback reaches. The four built-in roles come from `roles.ts` and cannot be changed,
 * so that an installation can never lock itself out of administration or audit; custom roles are
 * stored in the database (`roles`, `role_permissions`).
 */
import type { Permission } from './permissions.ts';
import { ROLE_PERMISSIONS, ROLES } from './roles.ts';

/** A named set of permissions, with an optional limit on how far back playback reaches. */
export interface RoleDefinition {
  /** Role name, unique: `operator`, `supervisor`, ..., or a custom one. */
  readonly name: string;
  readonly description: string;
  readonly permissions: ReadonlySet<Permission>;
  /** How far back in time playback and export may reach, ms; null for no limit. */
  readonly playbackLookbackMs: number | null;
  /** True for the four built-in roles. */
  readonly builtIn: boolean;
}

const DESCRIPTIONS: Record<(typeof ROLES)[number], string> = {
  administrator: 'System administrator: cameras, users, agreements, and the video itself',
  supervisor: 'Operator who also places legal holds and may lift privacy masks',
  operator: 'Operations-room operator: live, playback, export, PTZ',
  auditor: 'Data protection officer or auditor: reads the audit trail, nothing else',
};

/** The built-in roles, by name. */
export const BUILTIN_ROLES: ReadonlyMap<string, RoleDefinition> = new Map(
  ROLES.map((name) => [
    name,
    {
      name,
      description: DESCRIPTIONS[name],
      permissions: new Set(ROLE_PERMISSIONS[name]),
      playbackLookbackMs: null,
      builtIn: true,
    },
  ]),
);

