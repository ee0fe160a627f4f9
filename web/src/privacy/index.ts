/**
 * The privacy module of the web app: the privacy section page, and what the live and playback
 * views use to draw masks over video (`MaskOverlay`, `useMaskView`) and to lift them
 * (`MaskLiftControl`).
 */
export { PrivacyPage } from './privacy-page.tsx';
export { MaskOverlay, type MaskOverlayProps } from './mask-overlay.tsx';
export {
  useMaskView,
  announceMasksChanged,
  MASKS_CHANGED_EVENT,
  type MaskViewState,
} from './use-mask-view.ts';
export { MaskLiftControl, type MaskLiftControlProps } from './mask-lift-control.tsx';
export type { MaskView, MaskPoint, PrivacyMask, RegisterEntry } from './privacy-api.ts';
