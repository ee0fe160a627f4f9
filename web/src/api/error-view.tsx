/**
 * A failed call shown on a page: the message in the user's language (`describeError`), with the
 * server's own English text as the tooltip, so support can still read what the server said.
 */
import { useI18n } from '../i18n/index.ts';
import { ApiError } from './api-error.ts';
import { describeError } from './error-text.ts';

/** The text of a failed call, inline (put it inside the page's own alert element). */
export function ErrorText({ error }: { error: unknown }) {
  const { t } = useI18n();
  const { text, detail } = describeError(t, error);
  return (
    <span
      className="error-text"
      title={detail}
      data-error-kind={error instanceof ApiError ? error.kind : 'unknown'}
    >
      {text}
    </span>
  );
}
