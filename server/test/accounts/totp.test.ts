/**
 * The TOTP second factor over HTTP on both databases: enrolment (secret sealed, not in use until
 * a code confirms it; recovery codes shown once, stored hashed), login in two steps (no cookie
 * before the code), a code accepted once, wrong codes counted as failed logins with the same
 * waits, a recovery code working once, an administrator's audited reset, and an account that
 * the configuration requires to have a factor held to enrolment until it has one.
 */
import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';
import { auditEntries, createCity } from '../access/fixture.ts';
import { totpCode } from '../../src/accounts/totp.ts';

interface Challenge {
  secondFactor: 'totp';
  challenge: string;
}

async function enrol(t: TestApp, cookie: string): Promise<string> {
  const res = await t.request('POST', '/api/session/totp/enrol', { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { secret: string; uri: string; qrDataUrl: string };
  expect(body.uri).toContain(`secret=${body.secret}`);
  expect(body.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
  return body.secret;
}

async function confirm(t: TestApp, cookie: string, secret: string): Promise<string[]> {
  const res = await t.request('POST', '/api/session/totp/confirm', {
    cookie,
    body: { code: totpCode(secret, t.clock.nowMs()) },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { recoveryCodes: string[] }).recoveryCodes;
}

async function passwordStep(t: TestApp, username: string): Promise<Challenge> {
  const res = await t.request('POST', '/api/session', {
    body: { username, password: TEST_PASSWORD },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('set-cookie')).toBeNull();
  const body = (await res.json()) as Challenge;
  expect(body.secondFactor).toBe('totp');
  return body;
}

async function secondStep(t: TestApp, body: Record<string, string>): Promise<Response> {
  return t.request('POST', '/api/session/second-factor', { body });
}

const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

describe('TOTP second factor', () => {
  forEachDatabase((_db, open) => {
    it('enrols, then asks for a code at login, each code and recovery code once', async () => {
      const { t, admin } = await createCity(open);
      const rossi = await t.userCookie('operator', { username: 'rossi' });

      // Not confirmed: a wrong code is refused and the factor is not in use.
      const secret = await enrol(t, rossi);
      const wrong = await t.request('POST', '/api/session/totp/confirm', {
        cookie: rossi,
        body: { code: '000000' === totpCode(secret, t.clock.nowMs()) ? '111111' : '000000' },
      });
      expect(wrong.status).toBe(400);
      expect(
        cookieOf(
          await t.request('POST', '/api/session', {
            body: { username: 'rossi', password: TEST_PASSWORD },
          }),
        ),
      ).not.toBe('');

      const codes = await confirm(t, rossi, secret);
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      // Neither the secret nor the codes are stored as they are.
      const stored = JSON.stringify([
        await t.db.selectFrom('user_totp').selectAll().execute(),
        await t.db.selectFrom('user_recovery_codes').selectAll().execute(),
      ]);
      expect(stored).not.toContain(secret);
      for (const c of codes) expect(stored).not.toContain(c);
      // Enrolling again while one is in use is refused.
      expect((await t.request('POST', '/api/session/totp/enrol', { cookie: rossi })).status).toBe(
        409,
      );

      // The code that confirmed is spent: the same step's code is refused at login.
      let step = await passwordStep(t, 'rossi');
      const replay = await secondStep(t, {
        challenge: step.challenge,
        code: totpCode(secret, t.clock.nowMs()),
      });
      expect(replay.status).toBe(401);
      expect(replay.headers.get('set-cookie')).toBeNull();

      // The next step's code signs in, once.
      t.clock.advance(30_000);
      const code = totpCode(secret, t.clock.nowMs());
      const ok = await secondStep(t, { challenge: step.challenge, code });
      expect(ok.status, await ok.clone().text()).toBe(200);
      const session = await t.request('GET', '/api/session', { cookie: cookieOf(ok) });
      expect(
        ((await session.json()) as { user: { secondFactor: unknown } }).user.secondFactor,
      ).toEqual({ enrolled: true, required: false });
      step = await passwordStep(t, 'rossi');
      expect((await secondStep(t, { challenge: step.challenge, code })).status).toBe(401);

      // A recovery code works once (typed in upper case, without its dash).
      const recovery = codes[0] ?? '';
      const typed = recovery.toUpperCase().replace('-', '');
      expect((await secondStep(t, { challenge: step.challenge, recoveryCode: typed })).status).toBe(
        200,
      );
      step = await passwordStep(t, 'rossi');
      expect(
        (await secondStep(t, { challenge: step.challenge, recoveryCode: recovery })).status,
      ).toBe(401);

      const entries = await auditEntries(t);
      const methods = entries
        .filter((e) => e.action === 'session.login' && e.username === 'rossi')
        .map((e) => (JSON.parse(e.details ?? '{}') as { method?: string }).method);
      expect(methods).toEqual(['password', 'password', 'password+totp', 'password+recovery']);
      const failures = entries.filter(
        (e) => e.action === 'session.login_failed' && e.username === 'rossi',
      );
      expect(failures.map((e) => e.reason)).toEqual([
        'wrong TOTP code',
        'wrong TOTP code',
        'wrong recovery code',
      ]);
      expect(entries.some((e) => e.action === 'session.totp_enrol')).toBe(true);

      // A challenge is no session, and a made-up one is refused.
      expect(
        (await t.request('GET', '/api/session', { cookie: `vedetta_session=${step.challenge}` }))
          .status,
      ).toBe(401);
      expect((await secondStep(t, { challenge: 'x'.repeat(43), code: '123456' })).status).toBe(401);
      expect(admin).not.toBe('');
    });

    it('counts wrong codes as failed logins, with the same waits', async () => {
      const { t } = await createCity(open);
      const cookie = await t.userCookie('operator', { username: 'bianchi' });
      const secret = await enrol(t, cookie);
      await confirm(t, cookie, secret);
      const bad = totpCode(secret, t.clock.nowMs() + 600_000);
      const step = await passwordStep(t, 'bianchi');
      for (let i = 0; i < 5; i++) {
        const res = await secondStep(t, { challenge: step.challenge, code: bad });
        expect(res.status).toBe(401);
      }
      const counted = await t.db
        .selectFrom('login_attempts')
        .selectAll()
        .where('username', '=', 'bianchi')
        .where('succeeded', '=', 0)
        .execute();
      expect(counted).toHaveLength(5);
      // The challenge's tries are spent; a new one, and a sixth failure, starts the waits.
      const spent = await secondStep(t, { challenge: step.challenge, code: bad });
      expect(await spent.text()).toContain('challenge_expired');
      const again = await passwordStep(t, 'bianchi');
      expect((await secondStep(t, { challenge: again.challenge, code: bad })).status).toBe(401);
      // The waits apply: the password step itself now waits.
      const waiting = await t.request('POST', '/api/session', {
        body: { username: 'bianchi', password: TEST_PASSWORD },
      });
      expect(waiting.status).toBe(429);
    });

    it('lets an administrator reset a lost factor, audited; nobody else', async () => {
      const { t, admin } = await createCity(open);
      const cookie = await t.userCookie('operator', { username: 'verdi' });
      const other = await t.userCookie('operator', { username: 'neri' });
      await confirm(t, cookie, await enrol(t, cookie));
      const user = await t.services.accounts.users.findByUsername('verdi');
      const path = `/api/users/${user?.id ?? ''}/totp`;
      expect((await t.request('DELETE', path, { cookie: other })).status).toBe(403);
      await passwordStep(t, 'verdi');
      expect((await t.request('DELETE', path, { cookie: admin })).status).toBe(204);
      expect(await t.login('verdi', TEST_PASSWORD)).not.toBe('');
      const reset = (await auditEntries(t)).find((e) => e.action === 'session.totp_reset');
      expect(reset?.username).toBe('admin');
      expect(reset?.resource).toBe(`user:${user?.id ?? ''}`);
    });

    it('holds an account that must have a factor to enrolment until it has one', async () => {
      const t = await createTestApp(open, {
        config: { auth: { secondFactor: { requiredRoles: ['supervisor'] } } },
      });
      const boss = await t.userCookie('supervisor', { username: 'capo' });
      const cameras = await t.request('GET', '/api/cameras', { cookie: boss });
      expect(cameras.status).toBe(403);
      expect(await cameras.text()).toContain('second_factor_enrolment_required');
      const me = await t.request('GET', '/api/session', { cookie: boss });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { user: { secondFactor: unknown } }).user.secondFactor).toEqual({
        enrolled: false,
        required: true,
      });
      // An operator is not required.
      const op = await t.userCookie('operator', { username: 'agente' });
      expect((await t.request('GET', '/api/cameras', { cookie: op })).status).toBe(200);

      await confirm(t, boss, await enrol(t, boss));
      expect((await t.request('GET', '/api/cameras', { cookie: boss })).status).toBe(200);
    });
  });
});
