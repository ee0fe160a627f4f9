/**
 * The form that names a view and says who sees it: name (1–80 characters), folder ("Eventi/Palio"),
 * sharing (personal; the agency; a role of the agency — the last two only with `view.share`).
 * Used to save a view as a new one and to change the current one's name, folder and sharing.
 */
import { useState, type FormEvent } from 'react';
import { ErrorText } from '../api/index.ts';
import { useI18n, type MessageKey } from '../i18n/index.ts';

/** A role's name in the user's language (a custom role: its own name). */
export function roleName(t: (key: MessageKey) => string, role: string): string {
  const key = `role.${role}`;
  return ROLE_KEYS.has(key) ? t(key as MessageKey) : role;
}

const ROLE_KEYS = new Set([
  'role.operator',
  'role.supervisor',
  'role.administrator',
  'role.auditor',
]);
import type { Sharing } from './views-api.ts';

/** What the form gives back. */
export interface ViewFormValues {
  name: string;
  folder: string;
  sharing: Sharing;
  role: string | null;
}

/** Props of the form. */
export interface ViewFormProps {
  initial: ViewFormValues;
  /** Whether the user may share (holds `view.share`). */
  mayShare: boolean;
  submitLabel: string;
  onSubmit: (values: ViewFormValues) => Promise<void>;
  onCancel: () => void;
}

const ROLES = ['operator', 'supervisor', 'administrator'] as const;

/** The view's name, folder and sharing. */
export function ViewForm({ initial, mayShare, submitLabel, onSubmit, onCancel }: ViewFormProps) {
  const { t } = useI18n();
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    onSubmit(values).then(
      () => setBusy(false),
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };
  return (
    <form className="wall-view-form" onSubmit={submit}>
      <label>
        {t('wall.views.name')}
        <input
          value={values.name}
          maxLength={80}
          required
          onChange={(e) => setValues({ ...values, name: e.target.value })}
        />
      </label>
      <label>
        {t('wall.views.folder')}
        <input
          value={values.folder}
          maxLength={200}
          placeholder={t('wall.views.folderHint')}
          onChange={(e) => setValues({ ...values, folder: e.target.value })}
        />
      </label>
      {mayShare && (
        <label>
          {t('wall.views.sharing')}
          <select
            value={values.sharing}
            onChange={(e) => {
              const sharing = e.target.value as Sharing;
              setValues({
                ...values,
                sharing,
                role: sharing === 'role' ? (values.role ?? 'operator') : null,
              });
            }}
          >
            <option value="personal">{t('wall.views.sharing.personal')}</option>
            <option value="agency">{t('wall.views.sharing.agency')}</option>
            <option value="role">{t('wall.views.sharing.role')}</option>
          </select>
        </label>
      )}
      {mayShare && values.sharing === 'role' && (
        <label>
          {t('wall.views.role')}
          <select
            value={values.role ?? 'operator'}
            onChange={(e) => setValues({ ...values, role: e.target.value })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(t, r)}
              </option>
            ))}
          </select>
        </label>
      )}
      {error !== null && <ErrorText error={error} />}
      <div className="wall-view-form-buttons">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('wall.views.cancel')}
        </button>
      </div>
    </form>
  );
}
