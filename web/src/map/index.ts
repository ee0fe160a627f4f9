/** The camera map page. */
export { MapPage } from './map-page.tsx';
