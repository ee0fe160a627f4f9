/**
 * A manager's form for a new display: its name, its room, and the login name of the display
 * account that will show it (an ordinary account; once bound it may only show what is pushed).
 */
import { useState, type FormEvent } from 'react';
import { ErrorText } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { createDisplay } from './displays-api.ts';

/** Props of the form. */
export interface NewDisplayFormProps {
  onCreated: () => void;
}

/** The new-display form. */
export function NewDisplayForm({ onCreated }: NewDisplayFormProps) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [room, setRoom] = useState('');
  const [account, setAccount] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await createDisplay({
        name: name.trim(),
        room: room.trim(),
        accountUsername: account.trim() === '' ? null : account.trim(),
      });
      setName('');
      setRoom('');
      setAccount('');
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="displays-new" onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>{t('displays.new.title')}</legend>
        <label>
          {t('displays.new.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
        </label>
        <label>
          {t('displays.new.room')}
          <input value={room} onChange={(e) => setRoom(e.target.value)} maxLength={80} />
        </label>
        <label>
          {t('displays.new.account')}
          <input value={account} onChange={(e) => setAccount(e.target.value)} maxLength={200} />
        </label>
        <button type="submit" disabled={busy || name.trim() === ''}>
          {t('displays.new.create')}
        </button>
        {error !== null && (
          <p className="form-error" role="alert">
            <ErrorText error={error} />
          </p>
        )}
      </fieldset>
    </form>
  );
}
