/**
 * Test support for the page API tests: replaces `globalThis.fetch` with one that records each
 * call and answers with `response()`. Tests restore it with `vi.unstubAllGlobals()`.
 */
import { vi } from 'vitest';

/** One recorded call. */
export interface StubbedCall {
  url: string;
  init: RequestInit | undefined;
}

/** The calls since the last `stubFetch`. */
export const fetchCalls: StubbedCall[] = [];

/** Stubs `fetch`, forgetting earlier calls. */
export function stubFetch(response: () => Response): void {
  fetchCalls.length = 0;
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    fetchCalls.push({ url, init });
    return Promise.resolve(response());
  });
}
