import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/index.ts';
import { en } from '../i18n/en.ts';
import { it as itMessages, type MessageKey } from '../i18n/it.ts';
import { passwordRefusalKey, withPasswordRefusal } from './password-refusal.ts';

const refused = (reason: string) =>
  new ApiError(400, 'invalid_argument', 'password: ...', { details: { key: 'password', reason } });

describe('a refused password', () => {
  it('is said in Italian and English for each reason the server gives', () => {
    for (const reason of ['too_short', 'too_long', 'contains_username', 'too_weak']) {
      const key = passwordRefusalKey(refused(reason));
      expect(key, reason).toBe(`admin.password.${reason}`);
      expect(itMessages[key as MessageKey]).not.toBe(en[key as MessageKey]);
    }
    expect(itMessages['admin.password.contains_username']).toBe(
      'La password non deve contenere il nome utente.',
    );
  });

  it('leaves other failures to the generic message', () => {
    expect(passwordRefusalKey(refused('new_reason'))).toBeUndefined();
    const other = new ApiError(400, 'invalid_argument', 'role: x is not a role', {
      details: { key: 'role' },
    });
    expect(passwordRefusalKey(other)).toBeUndefined();
    const t = (key: MessageKey) => en[key];
    expect(withPasswordRefusal({ ok: false, error: other }, t)).toEqual({
      ok: false,
      error: other,
    });
    expect(withPasswordRefusal({ ok: false, error: refused('too_weak') }, t)).toEqual({
      ok: false,
      message: en['admin.password.too_weak'],
    });
  });
});
