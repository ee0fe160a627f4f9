/**
 * Public entry of the main layout: the shell (header, navigation, the routed page), and the
 * section types. The shell is given its sections by the application; the layout imports no page.
 */
export { Shell } from './shell.tsx';
export type { ShellProps } from './shell.tsx';
export type { Section, SectionPageProps } from './section.ts';
export { sectionsFor } from './section.ts';
