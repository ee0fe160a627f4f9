/** The video wall page. */
export { WallPage } from './wall-page.tsx';
/**
 * The wall's layouts, where each tile sits, and which camera each tile shows as tours run (the
 * room's wall displays show pushed views with them).
 */
export { geometryOf, isLayout, type Layout, type TileRect } from './layout-geometry.ts';
export { camerasAt, stepsAfter, type WallView } from './wall-view-model.ts';
export { useTourClock } from './use-tour-clock.ts';
