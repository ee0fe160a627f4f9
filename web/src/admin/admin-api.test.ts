import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchCalls as calls, stubFetch } from '../api/fetch-stub.ts';
import { adminApi } from './admin-api.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('administration calls', () => {
  it('read a list from its field of the answer', async () => {
    stubFetch(() => new Response(JSON.stringify({ agencies: [{ id: 'pm', name: 'PM' }] })));
    await expect(adminApi.agencies()).resolves.toEqual([{ id: 'pm', name: 'PM' }]);
    expect(calls[0]).toMatchObject({ url: '/api/agencies', init: { method: 'GET', body: null } });
  });

  it('send a body only when there is one', async () => {
    stubFetch(() => new Response(null, { status: 204 }));
    await adminApi.setAgreementStatus('a/1', 'suspend', 'audit');
    await adminApi.setAgreementStatus('a/1', 'resume');
    await adminApi.deleteRole('custom role');
    expect(calls.map((c) => [c.init?.method, c.url, c.init?.body])).toEqual([
      ['POST', '/api/agreements/a%2F1/suspend', '{"reason":"audit"}'],
      ['POST', '/api/agreements/a%2F1/resume', null],
      ['DELETE', '/api/roles/custom%20role', null],
    ]);
  });
});
