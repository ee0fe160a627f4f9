/** The video wall page. */
export { WallPage } from './wall-page.tsx';
