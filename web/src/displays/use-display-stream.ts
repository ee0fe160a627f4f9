/**
 * The display's link to the server: an EventSource on `/api/displays/me/stream` giving the
 * display and what it shows, then every change. After a network drop the browser reconnects by
 * itself and the server sends the current content first; when the browser gives up (the stream
 * refused), the display asks the server why: signed out, it returns to sign-in; unbound, it says
 * so; otherwise a new stream is opened a few seconds later, for as long as the page is open.
 * Meanwhile the last content stays on screen, and its players reconnect by themselves.
 */
import { useEffect, useState } from 'react';
import { ApiError, apiRequest } from '../api/index.ts';
import { DISPLAY_ME_PATH, DISPLAY_STREAM_PATH, type Display } from './displays-api.ts';

/** The link's state: connected, trying again, or the display deleted or unbound. */
export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'gone';

/** What the display page knows. */
export interface DisplayStream {
  display: Display | null;
  link: LinkState;
}

/** How long after the browser gives up a new stream is opened, ms. */
const RETRY_MS = 3000;

/** Follows the display account's display. */
export function useDisplayStream(): DisplayStream {
  const [state, setState] = useState<DisplayStream>({ display: null, link: 'connecting' });
  useEffect(() => {
    let source: EventSource | null = null;
    let timer: number | undefined;
    let stopped = false;
    const open = () => {
      source = new EventSource(DISPLAY_STREAM_PATH);
      source.addEventListener('display', (e) => {
        const display = JSON.parse((e as MessageEvent<string>).data) as Display;
        setState({ display, link: 'connected' });
      });
      source.addEventListener('gone', () => {
        setState((s) => ({ ...s, link: 'gone' }));
      });
      source.onerror = () => {
        setState((s) => (s.link === 'gone' ? s : { ...s, link: 'reconnecting' }));
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          timer = window.setTimeout(retry, RETRY_MS);
        }
      };
    };
    // The browser gave up: ask why. A session gone (401) takes the app back to sign-in (the
    // request function's handler); an account no longer bound (404) shows so; else try again.
    const retry = () => {
      apiRequest<Display>('GET', DISPLAY_ME_PATH).then(
        () => {
          if (!stopped) open();
        },
        (e: unknown) => {
          if (stopped) return;
          if (e instanceof ApiError && e.status === 404) {
            setState((s) => ({ ...s, link: 'gone' }));
          }
          timer = window.setTimeout(retry, RETRY_MS);
        },
      );
    };
    open();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      source?.close();
    };
  }, []);
  return state;
}
