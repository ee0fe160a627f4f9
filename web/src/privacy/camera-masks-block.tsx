/**
 * «Maschere della telecamera»: reads the camera's own privacy masks (ONVIF Media2, `GET
 * /api/cameras/{id}/onvif/masks`) on request and says in words how they compare with Vedetta's;
 * the editor draws them as dashed outlines over the picture (`onReport`). A camera not added
 * from ONVIF, or one that cannot be reached, is said as such.
 */
import { useEffect, useState } from 'react';
import { ApiError, describeError } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import { isWarning, percent, verdictText, type CameraMaskReport } from './camera-masks-model.ts';
import { getCameraMasks } from './privacy-api.ts';

/** Props of the block. */
export interface CameraMasksBlockProps {
  cameraId: string;
  /** The report read (null before reading and when the camera changes). */
  report: CameraMaskReport | null;
  onReport: (report: CameraMaskReport | null) => void;
}

/** The camera's masks block of the mask editor. */
export function CameraMasksBlock({ cameraId, report, onReport }: CameraMasksBlockProps) {
  const { t, tn } = useI18n();
  const siteTime = useSiteTime();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setProblem(null);
    setBusy(false);
  }, [cameraId]);

  const read = () => {
    setBusy(true);
    setProblem(null);
    getCameraMasks(cameraId).then(
      (r) => {
        setBusy(false);
        onReport(r);
      },
      (e: unknown) => {
        setBusy(false);
        onReport(null);
        const key = e instanceof ApiError ? e.details?.['key'] : undefined;
        if (key === 'privacy.cameraMasks.notOnvif') setProblem(t('privacy.cameraMasks.notOnvif'));
        else if (key === 'privacy.cameraMasks.unreachable') {
          setProblem(t('privacy.cameraMasks.unreachable'));
        } else setProblem(describeError(t, e).text);
      },
    );
  };

  const uncovered = report?.comparison?.vedetta.filter((v) => !v.covered) ?? [];
  return (
    <section className="camera-masks" aria-label={t('privacy.cameraMasks')}>
      <h4>{t('privacy.cameraMasks')}</h4>
      <p className="privacy-help">{t('privacy.cameraMasks.help')}</p>
      <div className="mask-actions">
        <button type="button" onClick={read} disabled={busy}>
          {busy ? t('privacy.cameraMasks.reading') : t('privacy.cameraMasks.read')}
        </button>
        {report !== null && (
          <span className="camera-masks-legend">
            <svg viewBox="0 0 40 14" aria-hidden="true">
              <rect x="2" y="2" width="36" height="10" className="camera-mask-shape" />
            </svg>
            {tn('privacy.cameraMasks.count', report.cameraMasks.filter((m) => m.enabled).length)}
            {' · '}
            {t('privacy.cameraMasks.readAt', { time: siteTime.time(report.readMs) })}
          </span>
        )}
      </div>
      {report !== null && (
        <p
          role="status"
          className={
            isWarning(report.verdict) ? 'camera-masks-verdict warn' : 'camera-masks-verdict'
          }
          data-verdict={report.verdict}
        >
          {verdictText(report, { t, tn })}
        </p>
      )}
      {uncovered.length > 0 && (
        <ul className="camera-masks-uncovered">
          {uncovered.map((v) => (
            <li key={v.id}>
              {t('privacy.cameraMasks.uncovered', {
                label: v.label === '' ? t('privacy.cameraMasks.unnamed') : v.label,
                percent: percent(v.coveredShare),
              })}
            </li>
          ))}
        </ul>
      )}
      {problem !== null && (
        <p role="alert" className="camera-masks-verdict warn">
          {problem}
        </p>
      )}
    </section>
  );
}
