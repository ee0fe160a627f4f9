/**
 * Small shared pieces of the administration pages: the outcome of the last action (saved, or
 * what went wrong in the user's language, `ErrorText`), a loading/error block, and a checkbox
 * list.
 */
import { useId } from 'react';
import { ErrorText } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { Loaded } from './use-load.ts';
import { toggle } from './admin-model.ts';

/**
 * The outcome of the last action on a page: done, a message of the page's own, or a failed call
 * (shown through `ErrorText`).
 */
export type Outcome =
  { ok: true } | { ok: false; message: string } | { ok: false; error: unknown } | null;

/** Runs an action and reports its outcome; returns whether it succeeded. */
export async function attempt(
  action: () => Promise<unknown>,
  report: (o: Outcome) => void,
): Promise<boolean> {
  try {
    await action();
    report({ ok: true });
    return true;
  } catch (e) {
    report({ ok: false, error: e });
    return false;
  }
}

/** Shows the outcome of the last action. */
export function OutcomeLine({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  if (outcome === null) return null;
  return outcome.ok ? (
    <p className="admin-outcome admin-ok" role="status">
      {t('admin.saved')}
    </p>
  ) : (
    <p className="admin-outcome admin-error" role="alert">
      {'error' in outcome ? (
        <>
          {t('admin.errorPrefix')} <ErrorText error={outcome.error} />
        </>
      ) : (
        t('admin.error', { message: outcome.message })
      )}
    </p>
  );
}

/** A loading or error message for something not ready; null once ready. */
export function NotReady({ loaded, onRetry }: { loaded: Loaded<unknown>; onRetry: () => void }) {
  const { t } = useI18n();
  if (loaded.state === 'ready') return null;
  if (loaded.state === 'loading') {
    return (
      <p className="page-message" role="status">
        {t('app.loading')}
      </p>
    );
  }
  return (
    <div className="page-message" role="alert">
      <p>
        {t('admin.errorPrefix')} <ErrorText error={loaded.error} />
      </p>
      <button type="button" onClick={onRetry}>
        {t('error.retry')}
      </button>
    </div>
  );
}

/** A fieldset of checkboxes over `options`, holding the checked values. */
export function CheckList({
  legend,
  options,
  checked,
  onChange,
  label,
}: {
  legend: string;
  options: readonly string[];
  checked: readonly string[];
  onChange: (next: string[]) => void;
  label: (option: string) => string;
}) {
  const id = useId();
  return (
    <fieldset className="admin-checklist">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o} htmlFor={`${id}-${o}`}>
          <input
            id={`${id}-${o}`}
            type="checkbox"
            checked={checked.includes(o)}
            onChange={() => onChange(toggle(checked, o))}
          />{' '}
          {label(o)}
        </label>
      ))}
    </fieldset>
  );
}
