/** Public entry of the main layout: the shell, the section registry and the page props type. */
export { Shell } from './shell.tsx';
export type { ShellProps } from './shell.tsx';
export { SECTIONS, DEFAULT_SECTION } from './sections.ts';
export type { Section, SectionPageProps } from './sections.ts';
