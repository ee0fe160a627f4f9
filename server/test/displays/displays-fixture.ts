/**
 * Helpers of the display tests: a display made by a manager and bound to a display account, the
 * display account's cookie, pushes, and an SSE reader for the display's event stream.
 */
import { expect } from 'vitest';
import { OWNER_AGENCY_ID } from '../../src/accounts/index.ts';
import type { City } from '../access/fixture.ts';
import { TEST_PASSWORD, type TestApp } from '../support/test-app.ts';

/** A display as the API answers it (the fields the tests read). */
export interface DisplayJson {
  id: string;
  name: string;
  room: string;
  accountId: string | null;
  accountUsername: string | null;
  content: {
    kind: string;
    cameraId?: string;
    tiles?: { cameraId: string | null; tour?: { cameraIds: string[]; seconds: number } | null }[];
  };
  pushedBy: string | null;
}

/**
 * Creates a display account (role `role`, in `agencyId`) and, as `manager`, a display bound to
 * it; returns the display and the account's cookie.
 */
export async function displayWithAccount(
  city: City,
  o: { manager?: string; username: string; agencyId?: string; name?: string; role?: string },
): Promise<{ display: DisplayJson; cookie: string }> {
  const { t } = city;
  const user = await t.services.accounts.users.create({
    username: o.username,
    password: TEST_PASSWORD,
    role: o.role ?? 'auditor',
    agencyId: o.agencyId ?? OWNER_AGENCY_ID,
  });
  const res = await t.request('POST', '/api/displays', {
    cookie: o.manager ?? city.admin,
    body: { name: o.name ?? 'Videowall', room: 'Sala operativa', accountUsername: user.username },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const display = (await res.json()) as DisplayJson;
  return { display, cookie: await t.login(o.username, TEST_PASSWORD) };
}

/** Pushes `body` to a display; returns the response. */
export function push(t: TestApp, cookie: string, id: string, body: unknown): Promise<Response> {
  return t.request('POST', `/api/displays/${id}/push`, { cookie, body });
}

/** The status of a live token request of `cookie` for a camera. */
export async function tokenStatus(t: TestApp, cookie: string, cameraId: string): Promise<number> {
  const res = await t.request('POST', `/api/live/${cameraId}/token`, {
    cookie,
    body: { stream: 'main' },
  });
  return res.status;
}

/** Reads SSE events from a response body, a few at a time. */
export function sseReader(res: Response) {
  const body = res.body;
  if (body === null) throw new Error('no body');
  const reader: ReadableStreamDefaultReader<Uint8Array> = body.getReader();
  const decoder = new TextDecoder();
  const ready: { event: string; data: unknown }[] = [];
  let buffer = '';
  return {
    async next(count: number): Promise<{ event: string; data: unknown }[]> {
      for (let reads = 0; ready.length < count && reads < 1000; reads++) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== undefined && data !== undefined)
            ready.push({ event, data: JSON.parse(data) });
        }
      }
      return ready.splice(0, count);
    },
    cancel: () => reader.cancel(),
  };
}
