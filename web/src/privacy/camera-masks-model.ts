/**
 * The camera's own privacy masks (ONVIF Media2) as the mask editor shows them: the report of
 * `GET /api/cameras/{id}/onvif/masks` and its verdict in words. Pure (the words come through the
 * translate functions passed in), so it is tested without a browser.
 */
import type { MessageKey, MessageParams, PluralKey } from '../i18n/index.ts';

/** The comparison's verdict (server: `MASK_VERDICTS` in privacy/mask-compare.ts). */
export type CameraMaskVerdict =
  | 'match'
  | 'camera_hides_less'
  | 'camera_hides_more'
  | 'differs'
  | 'camera_has_none'
  | 'not_supported';

/** One mask the camera keeps, in picture space. */
export interface CameraSideMask {
  token: string;
  /** `[x, y]`, each in [0, 1] of the picture, origin top-left. */
  points: [number, number][];
  type: string;
  enabled: boolean;
}

/** The camera's masks against Vedetta's. */
export interface CameraMaskReport {
  cameraId: string;
  readMs: number;
  verdict: CameraMaskVerdict;
  unsupportedReason: 'no_media2' | 'not_supported' | null;
  cameraMasks: CameraSideMask[];
  comparison: {
    vedetta: { id: string; label: string; coveredShare: number; covered: boolean }[];
    camera: { token: string; extraShare: number; hidesMore: boolean }[];
    uncoveredCount: number;
    extraCount: number;
    disabledCameraMasks: number;
    tolerance: number;
  } | null;
}

/** The translate functions the words come from (`useI18n()`'s `t` and `tn`). */
export interface Words {
  t: (key: MessageKey, params?: MessageParams) => string;
  tn: (key: PluralKey, count: number, params?: MessageParams) => string;
}

/** The verdict in a sentence of the user's language. */
export function verdictText(report: CameraMaskReport, { t, tn }: Words): string {
  const uncovered = report.comparison?.uncoveredCount ?? 0;
  const extra = report.comparison?.extraCount ?? 0;
  switch (report.verdict) {
    case 'match':
      return t('privacy.cameraMasks.verdict.match');
    case 'camera_hides_less':
      return tn('privacy.cameraMasks.verdict.less', uncovered);
    case 'camera_hides_more':
      return tn('privacy.cameraMasks.verdict.more', extra);
    case 'differs':
      return t('privacy.cameraMasks.verdict.differs', { uncovered, extra });
    case 'camera_has_none':
      return t('privacy.cameraMasks.verdict.none');
    case 'not_supported':
      return t('privacy.cameraMasks.verdict.notSupported');
  }
}

/** Whether the verdict asks for attention (the camera hides less than Vedetta, or differs). */
export function isWarning(verdict: CameraMaskVerdict): boolean {
  return verdict === 'camera_hides_less' || verdict === 'differs' || verdict === 'camera_has_none';
}

/** A coverage share as a whole percentage (0.954 → 95). */
export function percent(share: number): number {
  return Math.floor(Math.max(0, Math.min(1, share)) * 100);
}
