/**
 * The verification page: choose an evidence package (zip); the server checks it with the same
 * verifier as `vedetta verify` against this installation's key — the export signature, every
 * file's SHA-256, every frame against the recorder's signatures — and the page lists what held
 * and exactly which file, frame or signature failed.
 */
import { useState } from 'react';
import { ErrorText } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { verifyUpload, type VerifyResult } from './export-api.ts';
import { checkText, problemText } from './verify-messages.ts';
import './export.css';

/** The page. */
export function VerifyPage() {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await verifyUpload(file));
    } catch (e) {
      setError(e ?? new Error('failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ex-verify">
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <input
          type="file"
          accept=".zip,application/zip"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          data-testid="verify-file"
        />
        <button type="submit" disabled={!file || busy} data-testid="verify-submit">
          {busy ? t('verify.checking') : t('verify.check')}
        </button>
      </form>
      {error !== null && (
        <p className="pb-error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
      {result && (
        <div
          className={result.ok ? 'ex-ok' : 'ex-fail'}
          data-testid="verify-result"
          data-ok={String(result.ok)}
        >
          <h2>{result.ok ? t('verify.ok') : t('verify.failed')}</h2>
          {result.export && (
            <p>
              {t('verify.summary', {
                id: result.export.id,
                caseReference: result.export.caseReference,
                exporter: result.export.exporter.displayName,
                recipient: result.export.recipient,
              })}
            </p>
          )}
          {result.fingerprint && (
            <p className="ex-hash">
              {t('verify.key')} <code>{result.fingerprint}</code>
            </p>
          )}
          {result.problems.length > 0 && (
            <ul className="ex-problems">
              {result.problems.map((p, i) => (
                <li key={i} data-kind={p.kind}>
                  <code>{p.file}</code>
                  {p.frame !== undefined ? ` (${t('verify.frame')} ${p.frame})` : ''}:{' '}
                  {problemText(lang, p.kind)}
                  <br />
                  <small className="ex-detail">{p.message}</small>
                </li>
              ))}
            </ul>
          )}
          <ul className="ex-passed">
            {result.checks.map((c, i) => (
              <li key={i}>✓ {checkText(lang, c)}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
