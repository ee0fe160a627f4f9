import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/index.ts';
import { translate } from '../i18n/index.ts';
import type { MessageKey, MessageParams } from '../i18n/index.ts';
import { loginErrorMessage } from './login-error.ts';

const t = (key: MessageKey, params?: MessageParams) => translate('it', key, params);
const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

describe('loginErrorMessage', () => {
  it('says the same for any wrong credentials, never which one was wrong', () => {
    const text = loginErrorMessage(t, new ApiError(401, 'unauthenticated', 'bad password'));
    expect(text).toBe('Nome utente o password non validi.');
    expect(loginErrorMessage(en, new ApiError(401, 'unauthenticated', 'no such user'))).toBe(
      'Invalid username or password.',
    );
  });

  it('names rate limiting, with the wait when the server gives one', () => {
    expect(loginErrorMessage(t, new ApiError(429, 'resource_exhausted', 'x'))).toBe(
      'Troppi tentativi di accesso. Riprova più tardi.',
    );
    const withWait = new ApiError(429, 'resource_exhausted', 'x', { retryAfterSeconds: 42 });
    expect(loginErrorMessage(en, withWait)).toBe(
      'Too many sign-in attempts. Try again in 42 seconds.',
    );
  });

  it('tells an unreachable server and other failures apart', () => {
    expect(loginErrorMessage(t, new ApiError(0, 'network', 'x'))).toMatch(/non raggiungibile/);
    expect(loginErrorMessage(en, new ApiError(500, 'internal', 'x'))).toBe(
      'Sign-in failed (500). Try again or contact the administrator.',
    );
    expect(loginErrorMessage(en, new Error('weird'))).toMatch(/\(\?\)/);
  });
});
