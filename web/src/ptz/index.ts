/**
 * Public entry of the PTZ area: the controls a live tile shows for a camera that moves, and the
 * calls of the PTZ API.
 */
import './ptz.css';

export { PtzPanel, type PtzPanelProps } from './ptz-panel.tsx';
export type { PtzPreset, PtzStatus, PtzVelocity } from './ptz-api.ts';
