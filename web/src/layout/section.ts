/**
 * What the layout needs to know of a section: its id, its navigation label and its page. The
 * list of sections itself belongs to the application (`app/sections.ts`), which gives it to the
 * `Shell`; so the layout imports no page, and every page may import the layout's types.
 */
import type { ComponentType } from 'react';
import type { SessionUser } from '../api/index.ts';
import type { MessageKey } from '../i18n/index.ts';

/** What every section page receives from the layout. */
export interface SectionPageProps {
  /** The signed-in user. */
  user: SessionUser;
  /** The route parameter after the section, e.g. the selected camera id. */
  param: string | null;
  /** Changes the route parameter of this section. */
  setParam: (param: string | null) => void;
}

/** One entry of the navigation. */
export interface Section {
  /** The id used in the address: `#/<id>`. */
  id: string;
  /** The navigation label. */
  labelKey: MessageKey;
  /** The page, or null while the section is not built yet ("coming soon"). */
  page: ComponentType<SectionPageProps> | null;
  /**
   * Permissions of which any one opens the section (as the server's routes decide); a user
   * holding none of them does not see it in the navigation. Absent: everyone signed in.
   */
  requires?: readonly string[];
}

/** The sections a user with `permissions` can use, in the same order. */
export function sectionsFor(
  sections: readonly Section[],
  permissions: readonly string[],
): Section[] {
  return sections.filter((s) => !s.requires || s.requires.some((p) => permissions.includes(p)));
}
