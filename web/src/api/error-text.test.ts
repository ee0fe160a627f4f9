import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import type { Language, MessageKey, MessageParams } from '../i18n/index.ts';
import { ApiError } from './api-error.ts';
import { describeError, problemText } from './error-text.ts';

const tr = (lang: Language) => (key: MessageKey, params?: MessageParams) =>
  translate(lang, key, params);
const it_ = tr('it');
const en = tr('en');

const invalid = (message: string, details?: Record<string, unknown>) =>
  new ApiError(400, 'invalid_argument', message, details === undefined ? {} : { details });

describe('describeError', () => {
  it('names each field of a validation error, in Italian, keeping the English as detail', () => {
    const e = invalid('invalid request body: reason: is required; limit: must be at most 500', {
      issues: [
        { path: 'reason', message: 'is required' },
        { path: 'limit', message: 'must be at most 500' },
      ],
    });
    expect(describeError(it_, e)).toEqual({
      text: 'Campo «reason»: obbligatorio; Campo «limit»: al massimo 500',
      detail: 'invalid request body: reason: is required; limit: must be at most 500',
    });
    expect(describeError(en, e).text).toBe('Field «reason»: required; Field «limit»: at most 500');
  });

  it('reads the `field: problem` form of a service message', () => {
    expect(describeError(it_, invalid('reason: required (at least 3 characters)')).text).toBe(
      'Campo «reason»: obbligatorio (almeno 3 caratteri)',
    );
    expect(describeError(it_, invalid('name: 1 to 200 characters')).text).toBe(
      'Campo «name»: da 1 a 200 caratteri',
    );
  });

  it('uses details.key when the server names the key', () => {
    const e = invalid("'to' must be after 'from'", { key: 'to' });
    expect(describeError(it_, e).text).toBe('Campo «to»: valore non valido');
    const f = invalid('format: must be jpeg or png, got gif', { key: 'format' });
    expect(describeError(it_, f).text).toBe('Campo «format»: valore non valido');
  });

  it('says "invalid value" for a problem it has no words for, never the English', () => {
    expect(problemText(it_, 'frobnicated beyond repair')).toBe('valore non valido');
    expect(problemText(it_, 'must be one of "a", "b"')).toBe('deve essere uno tra "a", "b"');
    expect(problemText(it_, 'unknown key')).toBe('campo non previsto');
  });

  it('translates by kind otherwise', () => {
    const e = new ApiError(404, 'not_found', 'camera cam-9 not found');
    expect(describeError(it_, e)).toEqual({
      text: 'Elemento non trovato.',
      detail: 'camera cam-9 not found',
    });
    const odd = new ApiError(418, 'teapot', 'short and stout');
    expect(describeError(it_, odd).text).toBe('Errore imprevisto.');
    const plain = invalid('the filter matches more than 100000 entries; narrow it (e.g. by time)');
    expect(describeError(it_, plain).text).toBe('La richiesta non è valida.');
  });

  it('says when to try again after a 429, and that the server is unreachable', () => {
    const busy = new ApiError(429, 'resource_exhausted', 'too many attempts', {
      retryAfterSeconds: 30,
    });
    expect(describeError(it_, busy).text).toBe('Troppe richieste: riprova tra 30 secondi.');
    const down = new ApiError(0, 'network', 'GET /api/x: server unreachable');
    expect(describeError(it_, down).text).toBe('Server non raggiungibile.');
  });

  it('describes anything thrown, not only API errors', () => {
    expect(describeError(it_, new Error('boom'))).toEqual({
      text: 'Errore imprevisto.',
      detail: 'boom',
    });
    expect(describeError(en, 'x').text).toBe('Unexpected error.');
  });
});

describe('describeError: camera, retention and hold rules', () => {
  it('says the retention and hold rules of the server in Italian', () => {
    const justification = invalid(
      'invalid request body: retentionJustification: is required when retentionDays is over 3 (72 hours)',
      {
        issues: [
          {
            path: 'retentionJustification',
            message: 'is required when retentionDays is over 3 (72 hours)',
          },
        ],
      },
    );
    expect(describeError(it_, justification).text).toBe(
      'Campo «retentionJustification»: obbligatoria quando la conservazione supera 3 giorni (72 ore): scrivere la motivazione',
    );
    expect(
      describeError(
        it_,
        invalid(
          'invalid legal hold: toMs: the range must not exceed 31 days; place one hold per incident',
        ),
      ).text,
    ).toBe("Campo «toMs»: l'intervallo non può superare 31 giorni: un vincolo per episodio");
    expect(problemText(it_, 'must not contain credentials; put them in credentialsRef')).toContain(
      'non deve contenere credenziali',
    );
  });
});
