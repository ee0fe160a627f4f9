/** Labels for values the server sends (permissions, statuses), with the raw value as fallback. */
import { labelOf } from '../i18n/index.ts';
import type { I18n } from '../i18n/index.ts';

/** The label of a permission, e.g. "Visione in diretta" for `live.view`. */
export function permissionLabel(t: I18n['t'], permission: string): string {
  return labelOf(t, `perm.${permission}`, permission);
}

/** The label of a role: built-in roles are translated, custom ones keep their name. */
export function roleLabel(t: I18n['t'], role: string): string {
  return labelOf(t, `role.${role}`, role);
}

/**
 * The description of a role: built-in roles' in the interface's language; a custom role's as its
 * author wrote it.
 */
export function roleDescription(
  t: I18n['t'],
  role: { name: string; description: string; builtIn: boolean },
): string {
  return role.builtIn
    ? labelOf(t, `role.description.${role.name}`, role.description)
    : role.description;
}
