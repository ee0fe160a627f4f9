import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchCalls as calls, stubFetch } from '../api/fetch-stub.ts';
import { setUnauthorizedHandler } from '../api/index.ts';
import { createExport, verifyUpload } from './export-api.ts';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('export calls', () => {
  it('upload the package to verify as a raw zip body through the one request function', async () => {
    stubFetch(() => json({ ok: true, problems: [], passed: [], checks: [] }));
    const file = new Blob(['PK'], { type: 'application/zip' });
    await expect(verifyUpload(file)).resolves.toMatchObject({ ok: true });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('/uploads/verify-package');
    expect(calls[0]?.init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/zip' },
    });
    expect(calls[0]?.init?.body).toBe(file);
  });

  it('ask for an export with a JSON body and answer its id', async () => {
    stubFetch(() => json({ id: 'exp-1' }, 202));
    const request = {
      cameras: ['cam-001'],
      from: '2026-03-01T08:00:00.000Z',
      to: '2026-03-01T08:10:00.000Z',
      reason: 'theft',
      caseReference: 'RG 1/26',
      recipient: 'Procura',
    };
    await expect(createExport(request)).resolves.toBe('exp-1');
    expect(calls[0]?.url).toBe('/api/exports');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.body).toBe(JSON.stringify(request));
  });

  it("reject with the server's error kind, and report a lost session", async () => {
    stubFetch(() => json({ error: { kind: 'unauthenticated', message: 'log in first' } }, 401));
    const lost: string[] = [];
    const remove = setUnauthorizedHandler((e) => lost.push(e.kind));
    try {
      await expect(verifyUpload(new Blob(['x']))).rejects.toMatchObject({
        status: 401,
        kind: 'unauthenticated',
      });
    } finally {
      remove();
    }
    expect(lost).toEqual(['unauthenticated']);
  });
});
