import { describe, expect, it } from 'vitest';
import { passwordRefusal } from '../../src/accounts/index.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, TEST_PASSWORD } from '../support/test-app.ts';

const STRONG = 'gabbiano vetrata ottobre molo';

describe('password policy', () => {
  it('refuses short, weak and username-containing passwords; accepts a strong one', () => {
    const rossi = { username: 'rossi', displayName: 'Mario Rossi' };
    expect(passwordRefusal('short', rossi)).toBe('too_short');
    expect(passwordRefusal('x'.repeat(1025), rossi)).toBe('too_long');
    expect(passwordRefusal('aaaaaaaaaa', rossi)).toBe('too_weak');
    expect(passwordRefusal('password123', rossi)).toBe('too_weak');
    expect(passwordRefusal('1234567890', rossi)).toBe('too_weak');
    expect(passwordRefusal('qwertyuiop', rossi)).toBe('too_weak');
    expect(passwordRefusal('juventus2026', rossi)).toBe('too_weak');
    expect(passwordRefusal('xQ9-ROSSI-tramonto-77', rossi)).toBe('contains_username');
    expect(passwordRefusal(STRONG, rossi)).toBeUndefined();
    expect(passwordRefusal(TEST_PASSWORD, rossi)).toBeUndefined();
  });

  forEachDatabase((_db, open) => {
    it('is applied when an account is created or its password reset over the API', async () => {
      const t = await createTestApp(open);
      const admin = await t.userCookie('administrator', { username: 'capo' });
      const create = (username: string, password: string) =>
        t.request('POST', '/api/users', {
          cookie: admin,
          body: { username, password, role: 'operator', agencyId: 'polizia-municipale' },
        });
      for (const [password, reason] of [
        ['aaaaaaaaaa', 'too_weak'],
        ['verdi-tramonto-gabbiano-9', 'contains_username'],
        ['corta', 'too_short'],
      ] as const) {
        const res = await create('verdi', password);
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({
          error: {
            kind: 'invalid_argument',
            message: expect.stringMatching(/^password: /) as unknown,
            details: { key: 'password', reason },
          },
        });
      }
      const made = await create('verdi', STRONG);
      expect(made.status).toBe(201);
      const { id } = (await made.json()) as { id: string };

      const reset = (password: string) =>
        t.request('PATCH', `/api/users/${id}`, { cookie: admin, body: { password } });
      const weak = await reset('aaaaaaaaaa');
      expect(weak.status).toBe(400);
      expect(await weak.json()).toMatchObject({ error: { details: { reason: 'too_weak' } } });
      const named = await reset('VERDI molo ottobre vetrata');
      expect(await named.json()).toMatchObject({
        error: { details: { reason: 'contains_username' } },
      });
      expect((await reset('ancora gabbiano nebbia porto')).status).toBe(200);
      expect((await t.login('verdi', 'ancora gabbiano nebbia porto')).length).toBeGreaterThan(0);
    });
  });
});
