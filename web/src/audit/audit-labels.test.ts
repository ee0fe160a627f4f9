import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasMessage, LANGUAGES, translate } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/index.ts';
// The server's list itself: a new action without a label fails here.
import { AUDIT_ACTIONS } from '../../../server/src/audit/actions.ts';
import {
  actionLabel,
  detailsLabel,
  DENY_REASONS,
  LABELLED_ACTIONS,
  LIVE_STOP_REASONS,
  LOGIN_METHODS,
  OTHER_RECORDED_ACTIONS,
  reasonLabel,
} from './audit-labels.ts';

const serverFile = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../../server/src/${path}`, import.meta.url)), 'utf8');

const it_ = (key: string) => translate('it', key as MessageKey);

describe('audit labels', () => {
  it('has Italian and English words for every action of the server list', () => {
    for (const action of [...AUDIT_ACTIONS, ...OTHER_RECORDED_ACTIONS]) {
      const key = `audit.action.${action}`;
      expect(hasMessage(key), key).toBe(true);
      for (const lang of LANGUAGES) {
        expect(translate(lang, key as MessageKey), `${lang} ${key}`).not.toBe('');
      }
    }
    expect(LABELLED_ACTIONS.slice(0, AUDIT_ACTIONS.length)).toEqual([...AUDIT_ACTIONS]);
    expect(new Set(LABELLED_ACTIONS).size).toBe(LABELLED_ACTIONS.length);
  });

  it('has the same refusal reasons as the server', () => {
    const decide = serverFile('permissions/decide.ts');
    const union = /export type DenyReason =([^;]+);/.exec(decide)?.[1] ?? '';
    const server = [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
    expect(server.length).toBeGreaterThan(0);
    const middleware = serverFile('audit/denial-middleware.ts');
    expect(middleware).toContain("reason: 'not_owner'");
    expect([...DENY_REASONS].sort()).toEqual([...server, 'not_owner'].sort());
  });

  it('has the same live stop reasons as the server', () => {
    const viewers = serverFile('live/live-viewers.ts');
    const union = /export type StopReason =([^;]+);/.exec(viewers)?.[1] ?? '';
    const server = [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
    expect(server.length).toBeGreaterThan(0);
    expect([...LIVE_STOP_REASONS].sort()).toEqual(server.sort());
  });

  it('has Italian and English words for every refusal and stop reason', () => {
    const keys = [
      ...DENY_REASONS.map((r) => `audit.reason.${r}`),
      ...LIVE_STOP_REASONS.map((r) => `audit.stop.${r}`),
    ];
    for (const key of keys) {
      const reason = key.split('.').pop() ?? '';
      expect(hasMessage(key), key).toBe(true);
      for (const lang of LANGUAGES) {
        expect(translate(lang, key as MessageKey), `${lang} ${key}`).not.toBe(reason);
      }
    }
  });

  it('writes codes in words, falls back to the permission, then to the code', () => {
    const t = (key: MessageKey) => translate('it', key);
    expect(actionLabel(t, 'agency.delete')).toBe(it_('audit.action.agency.delete'));
    // A refusal recorded under the permission asked for.
    expect(actionLabel(t, 'camera.manage')).toBe(it_('perm.camera.manage'));
    expect(actionLabel(t, 'something.new')).toBe('something.new');
    expect(reasonLabel(t, 'role_lacks_permission')).toBe('Il ruolo non ha il permesso');
    expect(reasonLabel(t, 'not_owner')).toBe(it_('audit.reason.not_owner'));
    // A person's justification is shown as written.
    expect(reasonLabel(t, 'Indagine 123/2026')).toBe('Indagine 123/2026');
    expect(reasonLabel(t, 'client_closed', 'live.stop')).toBe('Chiusa dall’utente');
    expect(reasonLabel(t, 'error', 'playback.view')).toBe('error');
  });
});

describe('sign-in method in the details', () => {
  it("words a session.login's method, and leaves other details as recorded", () => {
    const t = (key: MessageKey) => translate('it', key);
    const plain = (d: string | null) => `plain:${d ?? ''}`;
    expect(detailsLabel(t, 'session.login', '{"method":"password+totp"}', plain)).toBe(
      "Metodo di accesso: password e codice dell'app di autenticazione",
    );
    expect(detailsLabel(t, 'session.login', '{"method":"password"}', plain)).toBe(
      'Metodo di accesso: password',
    );
    expect(detailsLabel(t, 'session.login', '{"method":"sso"}', plain)).toBe(
      'plain:{"method":"sso"}',
    );
    expect(detailsLabel(t, 'live.start', '{"method":"password"}', plain)).toBe(
      'plain:{"method":"password"}',
    );
  });

  it("has the server's sign-in methods", () => {
    const login = serverFile('accounts/login.ts') + serverFile('accounts/second-factor.ts');
    for (const m of ["'password'", "'password+totp'", "'password+recovery'"])
      expect(login).toContain(m);
    expect([...LOGIN_METHODS]).toEqual(['password', 'password+totp', 'password+recovery']);
  });
});
