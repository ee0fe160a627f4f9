/** The camera map page. */
export { MapPage } from './map-page.tsx';
/** The drag data of a camera dragged from the map (the same as the wall's camera list). */
export { MAP_CAMERA_DRAG_TYPE } from './markers.ts';
/** The small map beside the wall, to drag cameras from. */
export { MapPanel, type MapPanelProps } from './map-panel.tsx';
