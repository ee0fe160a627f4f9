/** Public entry of the "coming soon" notice used by sections not built yet. */
export { ComingSoonPage } from './coming-soon-page.tsx';
export type { ComingSoonPageProps } from './coming-soon-page.tsx';
