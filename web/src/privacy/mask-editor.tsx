/**
 * The mask editor: the camera's picture (a still of the live video, `GET
 * /api/cameras/{id}/still/live` with a fixed reason for the audit trail, or a 16:9 grid when there
 * is none) with its masks; a click adds a corner, a click on the first corner (or «Close mask»)
 * finishes the polygon. Masks are named and deleted in the list, and saved together (`PUT
 * /api/cameras/{id}/masks`, audited). Below, the camera's own masks (ONVIF), read on request,
 * drawn as dashed outlines over the picture and compared with Vedetta's (`CameraMasksBlock`).
 */
import { useEffect, useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import { describeError } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { CameraMasksBlock } from './camera-masks-block.tsx';
import type { CameraMaskReport } from './camera-masks-model.ts';
import { closesPolygon, isValidMask, MAX_POINTS, pointInBox } from './editor-model.ts';
import {
  getCameraMasks,
  getMaskView,
  putMasks,
  type MaskPoint,
  type PrivacyMask,
} from './privacy-api.ts';

/** Props of the editor. */
export interface MaskEditorProps {
  cameraId: string;
  cameraName: string;
}

const W = 1600;
/** The live still behind the editor; the fixed reason goes into the audit trail. */
const liveStillUrl = (cameraId: string, reason: string) =>
  `/api/cameras/${encodeURIComponent(cameraId)}/still/live?format=jpeg&reason=${encodeURIComponent(reason)}&t=${Date.now()}`;
const pts = (p: readonly MaskPoint[], h: number) =>
  p.map(([x, y]) => `${x * W},${y * h}`).join(' ');

/** The editor of one camera's masks. */
export function MaskEditor({ cameraId, cameraName }: MaskEditorProps) {
  const { t } = useI18n();
  const [masks, setMasks] = useState<PrivacyMask[] | null>(null);
  const [draft, setDraft] = useState<MaskPoint[]>([]);
  const [still, setStill] = useState<string | null>(null);
  const [aspect, setAspect] = useState(9 / 16);
  const [message, setMessage] = useState<string | null>(null);
  const [cameraReport, setCameraReport] = useState<CameraMaskReport | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const H = Math.round(W * aspect);
  const stillReason = t('privacy.masks.stillReason');

  useEffect(() => {
    const controller = new AbortController();
    setMasks(null);
    setDraft([]);
    setMessage(null);
    setCameraReport(null);
    getMaskView(cameraId, controller.signal).then(
      (v) => setMasks(v.masks),
      (e: unknown) => {
        if (!controller.signal.aborted) setMessage(describeError(t, e).text);
      },
    );
    setStill(liveStillUrl(cameraId, stillReason));
    return () => controller.abort();
  }, [cameraId, stillReason]);

  const finish = () => {
    if (!isValidMask(draft)) return;
    setMasks((m) => [...(m ?? []), { label: '', points: draft }]);
    setDraft([]);
  };

  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    const box = svg.current?.getBoundingClientRect();
    if (!box) return;
    const p = pointInBox(e.clientX, e.clientY, box);
    if (closesPolygon(draft, p)) finish();
    else if (draft.length < MAX_POINTS) setDraft([...draft, p]);
  };

  const save = () => {
    if (masks === null) return;
    putMasks(cameraId, masks).then(
      (r) => {
        setMasks(r.masks);
        setMessage(t('privacy.saved'));
        // The comparison was with the masks before: compare again with the saved ones.
        if (cameraReport !== null) {
          getCameraMasks(cameraId).then(setCameraReport, () => setCameraReport(null));
        }
      },
      (e: unknown) => setMessage(t('privacy.saveError', { message: describeError(t, e).text })),
    );
  };

  return (
    <section className="mask-editor" aria-label={t('privacy.masks.editor', { camera: cameraName })}>
      <h3>{t('privacy.masks')}</h3>
      <p className="privacy-help">{t('privacy.masks.help')}</p>
      <div className="mask-canvas" style={{ aspectRatio: `${W} / ${H}` }}>
        {still !== null ? (
          <img
            src={still}
            alt=""
            onLoad={(e) => {
              const img = e.currentTarget;
              if (img.naturalWidth > 0) setAspect(img.naturalHeight / img.naturalWidth);
            }}
            onError={() => setStill(null)}
          />
        ) : (
          <div className="mask-grid" role="note">
            {t('privacy.masks.noStill')}
          </div>
        )}
        <svg
          ref={svg}
          viewBox={`0 0 ${W} ${H}`}
          preserveAspectRatio="none"
          onClick={onClick}
          data-testid="mask-editor-surface"
        >
          {(masks ?? []).map((m, i) => (
            <polygon key={m.id ?? `new-${i}`} points={pts(m.points, H)} className="mask-shape" />
          ))}
          {(cameraReport?.cameraMasks ?? []).map((m) => (
            <polygon
              key={`camera-${m.token}`}
              points={pts(m.points, H)}
              className={m.enabled ? 'camera-mask-shape' : 'camera-mask-shape disabled'}
              data-camera-mask={m.token}
            />
          ))}
          {draft.length > 0 && <polyline points={pts(draft, H)} className="mask-draft" />}
          {draft.map(([x, y], i) => (
            <circle key={i} cx={x * W} cy={y * H} r={i === 0 ? 14 : 8} className="mask-vertex" />
          ))}
        </svg>
      </div>
      <div className="mask-actions">
        <button type="button" onClick={() => setStill(liveStillUrl(cameraId, stillReason))}>
          {t('privacy.masks.capture')}
        </button>
        <button type="button" disabled={!isValidMask(draft)} onClick={finish}>
          {t('privacy.masks.close')}
        </button>
        <button type="button" disabled={draft.length === 0} onClick={() => setDraft([])}>
          {t('privacy.masks.cancel')}
        </button>
      </div>
      {masks !== null && masks.length === 0 && <p>{t('privacy.masks.none')}</p>}
      <ol className="mask-list">
        {(masks ?? []).map((m, i) => (
          <li key={m.id ?? `new-${i}`}>
            <label>
              {t('privacy.masks.label')}{' '}
              <input
                value={m.label}
                maxLength={200}
                onChange={(e) =>
                  setMasks((all) =>
                    (all ?? []).map((x, j) => (j === i ? { ...x, label: e.target.value } : x)),
                  )
                }
              />
            </label>{' '}
            <button
              type="button"
              onClick={() => setMasks((all) => (all ?? []).filter((_, j) => j !== i))}
            >
              {t('privacy.masks.delete')}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="primary" disabled={masks === null} onClick={save}>
        {t('privacy.masks.save')}
      </button>
      {message !== null && <p role="status">{message}</p>}
      <CameraMasksBlock cameraId={cameraId} report={cameraReport} onReport={setCameraReport} />
    </section>
  );
}
