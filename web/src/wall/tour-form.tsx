/**
 * Setting a tour: the cameras to cycle (ticked in the list, in the list's order) and the interval
 * (at least 5 s), for the selected tile or for the whole view (the view's cameras shown page by
 * page over its tiles). An empty list removes the tour.
 */
import { useState, type FormEvent } from 'react';
import type { Camera } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { MIN_TOUR_SECONDS, type Tour } from './wall-view-model.ts';

/** Props of the form. */
export interface TourFormProps {
  cameras: readonly Camera[];
  initial: Tour | null;
  /** What the tour is for: the selected tile (its number) or the view. */
  target: { kind: 'tile'; index: number } | { kind: 'view' };
  onSubmit: (tour: Tour | null) => void;
  onCancel: () => void;
}

/** The tour's cameras and interval. */
export function TourForm({ cameras, initial, target, onSubmit, onCancel }: TourFormProps) {
  const { t } = useI18n();
  const [ids, setIds] = useState<string[]>(initial?.cameraIds ?? []);
  const [seconds, setSeconds] = useState(initial?.seconds ?? 10);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(
      ids.length === 0 ? null : { cameraIds: ids, seconds: Math.max(seconds, MIN_TOUR_SECONDS) },
    );
  };
  return (
    <form className="wall-tour-form" onSubmit={submit} aria-label={t('wall.tour.title')}>
      <strong>
        {target.kind === 'tile'
          ? t('wall.tour.forTile', { n: String(target.index + 1) })
          : t('wall.tour.forView')}
      </strong>
      <ul>
        {cameras.map((c) => (
          <li key={c.id}>
            <label>
              <input
                type="checkbox"
                checked={ids.includes(c.id)}
                onChange={(e) =>
                  setIds(e.target.checked ? [...ids, c.id] : ids.filter((x) => x !== c.id))
                }
              />
              {c.name} <span className="wall-picker-meta">{c.id}</span>
            </label>
          </li>
        ))}
      </ul>
      <label>
        {t('wall.tour.seconds')}
        <input
          type="number"
          min={MIN_TOUR_SECONDS}
          max={3600}
          value={seconds}
          onChange={(e) => setSeconds(Number(e.target.value))}
        />
      </label>
      <div className="wall-view-form-buttons">
        <button type="submit">
          {ids.length === 0 ? t('wall.tour.stop') : t('wall.tour.start')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('wall.views.cancel')}
        </button>
      </div>
    </form>
  );
}
