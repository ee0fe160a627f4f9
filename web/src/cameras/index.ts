/** Public entry of the camera section: the page, plus the tree pieces other pages may reuse. */
export { CameraPage } from './camera-page.tsx';
export { CameraTree } from './camera-tree.tsx';
export type { CameraTreeProps } from './camera-tree.tsx';
export { CameraDetails } from './camera-details.tsx';
export { StatusBadge } from './status-badge.tsx';
export { filterCameras, groupCameras, normalizeText } from './camera-tree-model.ts';
export type { GroupMode, TreeBranch, BranchLabels } from './camera-tree-model.ts';
export { useCameraData } from './use-camera-data.ts';
export type { CameraData } from './use-camera-data.ts';
export { mayWatch, useCameraStatuses } from './use-camera-statuses.ts';
export type { CameraStatuses } from './use-camera-statuses.ts';
