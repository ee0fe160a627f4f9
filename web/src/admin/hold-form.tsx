/**
 * The form that places a legal hold: cameras, the range (Italian date-times in the site's zone),
 * the requesting authority and its reference, the reason, and an expiry or — left empty — why the
 * hold stays until released.
 */
import type { Camera } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import { CheckList } from './feedback.tsx';
import type { HoldDraft } from './hold-model.ts';

/** Props of the hold form. */
export interface HoldFormProps {
  draft: HoldDraft;
  cameras: readonly Camera[];
  onChange: (draft: HoldDraft) => void;
  onSubmit: () => void;
  onCancel: () => void;
}

/** The hold form. */
export function HoldForm({ draft, cameras, onChange, onSubmit, onCancel }: HoldFormProps) {
  const { t } = useI18n();
  const { timeZone } = useSiteTime();
  const set = (patch: Partial<HoldDraft>) => onChange({ ...draft, ...patch });
  const text = (label: string, key: Exclude<keyof HoldDraft, 'cameraIds'>, placeholder = '') => (
    <label>
      {label}
      <input
        value={draft[key]}
        placeholder={placeholder}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    </label>
  );
  const known = new Set(cameras.map((c) => c.id));
  const options = [...cameras.map((c) => c.id), ...draft.cameraIds.filter((id) => !known.has(id))];
  return (
    <form
      className="admin-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3>{t('admin.hold.place')}</h3>
      <CheckList
        legend={t('admin.hold.cameras')}
        options={options}
        checked={draft.cameraIds}
        onChange={(cameraIds) => set({ cameraIds })}
        label={(id) => `${id} — ${cameras.find((c) => c.id === id)?.name ?? ''}`}
      />
      <p className="small admin-muted">{t('admin.hold.timeHint', { zone: timeZone })}</p>
      <div className="admin-row">
        {text(t('admin.hold.from'), 'from', '07/12/2026 14:30')}
        {text(t('admin.hold.to'), 'to', '07/12/2026 15:30')}
      </div>
      <div className="admin-row">
        {text(t('admin.hold.authority'), 'authority', 'Procura della Repubblica di La Spezia')}
        {text(t('admin.hold.reference'), 'reference', 'RGNR 1234/2026')}
      </div>
      {text(t('admin.hold.description'), 'description', 'Furto in Via del Prione')}
      {text(t('admin.hold.expiresField'), 'expires', '31/12/2026 23:59')}
      {draft.expires.trim() === '' &&
        text(t('admin.hold.untilReleasedReason'), 'untilReleasedReason', 'Fino a revoca del PM')}
      <div className="admin-actions">
        <button type="submit">{t('admin.hold.placeConfirm')}</button>
        <button type="button" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}
