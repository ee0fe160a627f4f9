/** The display name of a role: translated when the role is known, shown as it is otherwise. */
import { hasMessage, translate } from '../i18n/index.ts';
import type { Language } from '../i18n/index.ts';

/** `admin` → `Amministratore` (it) / `Administrator` (en); an unknown role stays as it is. */
export function roleLabel(lang: Language, role: string): string {
  const key = `role.${role}`;
  return hasMessage(key) ? translate(lang, key) : role;
}
