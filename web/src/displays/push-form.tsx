/**
 * What the operator is about to push, chosen once and sent to any display with its "Invia"
 * button: a camera (live, main stream), one of their wall views, or an instant replay of a
 * camera (the last 30 s, 2 min or 10 min, with the reason every playback needs; audited).
 */
import { useEffect, useState } from 'react';
import type { Camera } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { listViewChoices, type Push, type ViewChoice } from './displays-api.ts';

/** How far back a replay starts, in seconds. */
const SPANS_S = [30, 120, 600] as const;

/** Props of the form. */
export interface PushFormProps {
  cameras: readonly Camera[];
  /** Called with the push to send (null while incomplete), whenever the choice changes. */
  onChange: (make: (() => Push) | null) => void;
  /** Whether the user has wall views at all (`live.view`); they are asked for only then. */
  mayListViews: boolean;
  /** What to start with (from the wall: its selected camera, or its current view). */
  initial?: { kind: 'camera' | 'view'; id: string } | null;
}

const may = (c: Camera, p: string) => c.callerPermissions?.includes(p) ?? true;

/** The push form. */
export function PushForm({ cameras, onChange, initial, mayListViews }: PushFormProps) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Push['kind']>(initial?.kind ?? 'camera');
  const [cameraId, setCameraId] = useState(initial?.kind === 'camera' ? initial.id : '');
  const [viewId, setViewId] = useState(initial?.kind === 'view' ? initial.id : '');
  const [spanS, setSpanS] = useState<number>(30);
  const [reason, setReason] = useState('');
  const [views, setViews] = useState<ViewChoice[]>([]);

  useEffect(() => {
    if (!mayListViews) return;
    const controller = new AbortController();
    listViewChoices(controller.signal).then(setViews, () => setViews([]));
    return () => controller.abort();
  }, [mayListViews]);

  const live = cameras.filter((c) => may(c, 'live.view'));
  const recorded = cameras.filter((c) => may(c, 'playback.view'));
  const choices = kind === 'replay' ? recorded : live;

  useEffect(() => {
    if (kind === 'camera' && cameraId !== '') onChange(() => ({ kind, cameraId }));
    else if (kind === 'view' && viewId !== '') onChange(() => ({ kind, viewId }));
    else if (kind === 'replay' && cameraId !== '' && reason.trim().length >= 3) {
      onChange(() => ({
        kind,
        cameraId,
        fromMs: Date.now() - spanS * 1000,
        reason: reason.trim(),
      }));
    } else onChange(null);
  }, [kind, cameraId, viewId, spanS, reason, onChange]);

  return (
    <fieldset className="displays-push-form">
      <legend>{t('displays.push.title')}</legend>
      <div className="displays-push-kinds" role="radiogroup" aria-label={t('displays.push.kind')}>
        {(['camera', 'view', 'replay'] as const).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="push-kind"
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            {t(`displays.push.kind.${k}`)}
          </label>
        ))}
      </div>
      {kind === 'view' ? (
        <label>
          {t('displays.push.view')}
          <select value={viewId} onChange={(e) => setViewId(e.target.value)}>
            <option value="">{t('displays.push.choose')}</option>
            {views.map((v) => (
              <option key={v.id} value={v.id}>
                {v.folder === '' ? v.name : `${v.folder} / ${v.name}`}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label>
          {t('displays.push.camera')}
          <select value={cameraId} onChange={(e) => setCameraId(e.target.value)}>
            <option value="">{t('displays.push.choose')}</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === 'replay' && (
        <>
          <label>
            {t('displays.push.span')}
            <select value={spanS} onChange={(e) => setSpanS(Number(e.target.value))}>
              {SPANS_S.map((s) => (
                <option key={s} value={s}>
                  {t(`displays.push.span.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('displays.push.reason')}
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              placeholder={t('displays.push.reasonHint')}
            />
          </label>
        </>
      )}
    </fieldset>
  );
}
